namespace Webcare.Sources.Tests.Fixtures;

/// <summary>Mastodon Status entities as /api/v1/timelines/tag/:tag and /api/v2/search return them (newest first).</summary>
public static class MastodonFixtures
{
    public static string Status(string id, string content, string acct = "sanne@mastodon.nl", int followers = 1250, string? reblog = null) => $$"""
        {
          "id": "{{id}}",
          "created_at": "2026-03-10T08:{{id[^2..]}}:00.000Z",
          "in_reply_to_id": null,
          "in_reply_to_account_id": null,
          "sensitive": false,
          "spoiler_text": "",
          "visibility": "public",
          "language": "nl",
          "uri": "https://mastodon.nl/users/sanne/statuses/{{id}}",
          "url": "https://mastodon.nl/@sanne/{{id}}",
          "replies_count": 2,
          "reblogs_count": 5,
          "favourites_count": 7,
          "content": "{{content}}",
          "reblog": {{reblog ?? "null"}},
          "account": {
            "id": "109",
            "username": "sanne",
            "acct": "{{acct}}",
            "display_name": "Sanne W.",
            "followers_count": {{followers}},
            "following_count": 80,
            "url": "https://mastodon.nl/@sanne"
          },
          "media_attachments": [],
          "mentions": [],
          "tags": [{ "name": "huiskes", "url": "https://mastodon.social/tags/huiskes" }]
        }
        """;
}
