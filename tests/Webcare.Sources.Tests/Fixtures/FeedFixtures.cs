namespace Webcare.Sources.Tests.Fixtures;

/// <summary>Feeds in the shapes publishers really serve (RSS 2.0 with dc:/content:, Atom 1.0), including their date habits.</summary>
public static class FeedFixtures
{
    public const string Rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel>
            <title>Woonforum Nederland</title>
            <link>https://forum.example.nl/</link>
            <description>Nieuwe berichten</description>
            <lastBuildDate>Tue, 10 Mar 2026 08:00:00 GMT</lastBuildDate>
            <item>
              <title>Huiskes bank na 3 weken nog steeds niet geleverd</title>
              <link>https://forum.example.nl/t/huiskes-bank/123?utm_source=rss</link>
              <guid isPermaLink="false">forum-123</guid>
              <dc:creator>sanne_w</dc:creator>
              <pubDate>Mon, 09 Mar 2026 14:30:00 EST</pubDate>
              <description><![CDATA[<p>Mijn bank van <b>Huiskes</b> is nog steeds niet geleverd.</p><p>Klantenservice&nbsp;belt niet terug.<br/>Wie herkent dit?</p>]]></description>
            </item>
            <item>
              <title>Mooie kast gekocht bij Huiskes</title>
              <link>https://forum.example.nl/t/kast/124</link>
              <guid isPermaLink="false">forum-124</guid>
              <pubDate>9 Mar 26 10:00 +0100</pubDate>
              <content:encoded><![CDATA[<div>Super tevreden met de kast van Huiskes.</div>]]></content:encoded>
            </item>
            <item>
              <title>Vraag over Huiskes retour</title>
              <link>https://forum.example.nl/t/retour/125</link>
              <description>Hoe lang duurt een retour bij Huiskes?</description>
            </item>
          </channel>
        </rss>
        """;

    /// <summary>The same three items after the publisher's CMS rewrote every date and GUID (and the tracking parameter).</summary>
    public const string RssRewritten = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel>
            <title>Woonforum Nederland</title>
            <item>
              <title>Huiskes bank na 3 weken nog steeds niet geleverd</title>
              <link>https://forum.example.nl/t/huiskes-bank/123?utm_source=feedburner</link>
              <guid isPermaLink="false">v2-aaaa-123</guid>
              <dc:creator>sanne_w</dc:creator>
              <pubDate>Wed, 11 Mar 2026 02:00:00 +0000</pubDate>
              <description><![CDATA[<p>Mijn bank van <b>Huiskes</b> is nog steeds niet geleverd.</p><p>Klantenservice&nbsp;belt niet terug.<br/>Wie herkent dit?</p>]]></description>
            </item>
            <item>
              <title>Mooie kast gekocht bij Huiskes</title>
              <link>https://forum.example.nl/t/kast/124</link>
              <guid isPermaLink="false">v2-bbbb-124</guid>
              <pubDate>Wed, 11 Mar 2026 02:00:00 +0000</pubDate>
              <content:encoded><![CDATA[<div>Super tevreden met de kast van Huiskes.</div>]]></content:encoded>
            </item>
            <item>
              <title>Vraag over Huiskes retour</title>
              <link>https://forum.example.nl/t/retour/125</link>
              <guid>v2-cccc-125</guid>
              <pubDate>2026-03-11T02:00:00Z</pubDate>
              <description>Hoe lang duurt een retour bij Huiskes?</description>
            </item>
            <item>
              <title>Nieuw: Huiskes levert weer te laat</title>
              <link>https://forum.example.nl/t/laat/126</link>
              <guid>v2-dddd-126</guid>
              <pubDate>Wed, 11 Mar 2026 02:05:00 +0000</pubDate>
              <description>Weer te laat geleverd door Huiskes, al dagen wachten.</description>
            </item>
          </channel>
        </rss>
        """;

    public const string Atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Google Alert - huiskes</title>
          <id>tag:google.com,2005:reader/user/000/state/com.google/alerts/111</id>
          <updated>2026-03-10T07:00:00Z</updated>
          <entry>
            <id>tag:google.com,2013:googlealerts/feed:9001</id>
            <title type="html">&lt;b&gt;Huiskes&lt;/b&gt; sluit filiaal in Zwolle</title>
            <link href="https://www.google.com/url?rct=j&amp;url=https://news.example.com/huiskes-zwolle" rel="alternate"/>
            <published>2026-03-10T06:45:00Z</published>
            <updated>2026-03-10T06:45:00Z</updated>
            <content type="html">De woonwinkel &lt;b&gt;Huiskes&lt;/b&gt; sluit per april het filiaal in Zwolle.</content>
            <author><name>Google Alerts</name></author>
          </entry>
        </feed>
        """;

    public const string Malformed = """
        <?xml version="1.0"?>
        <rss version="2.0"><channel><title>Broken</title><item><title>Huiskes & co</title></item></channel>
        """;
}
