using System.Text.Json.Nodes;

namespace Webcare.Chat.Slack.Tests.Fakes;

/// <summary>Replay lines the keyword triage flags as negative, each with its own words so dedupe keeps them apart.</summary>
public static class Mentions
{
    private static readonly string[] Words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"];

    public static string Negative(int n, string? text = null) => new JsonObject
    {
        ["id"] = "t-" + n,
        ["network"] = "x",
        ["author"] = new JsonObject { ["handle"] = "user" + Words[n % Words.Length], ["name"] = "User " + Words[n % Words.Length], ["followers"] = 10 + n },
        ["text"] = text ?? $"@telvio terrible service, still no refund and charged twice for order {Words[n % Words.Length]} {Words[(n + 3) % Words.Length]}",
        ["url"] = $"https://x.example/u/status/{1000 + n}",
        ["postedAt"] = "2026-11-09T06:56:20Z",
    }.ToJsonString();
}
