using System.Xml;
using System.Xml.Linq;
using Webcare.Sources.Text;

namespace Webcare.Sources.Rss;

/// <summary>One entry of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, as plain text.</summary>
public sealed record FeedItem(string? Guid, string? Link, string Title, string Text, string? Author, DateTimeOffset? Published);

/// <summary>Reads RSS 2.0, RSS 1.0 and Atom by element names, so namespaced extras (dc:, content:, media:) work.</summary>
public static class FeedParser
{
    public static (string? FeedTitle, IReadOnlyList<FeedItem> Items) Parse(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersInDocument = 20_000_000 };
        XDocument document;
        using (var reader = XmlReader.Create(new StringReader(xml), settings))
        {
            document = XDocument.Load(reader);
        }

        var root = document.Root ?? throw new XmlException("the document has no root element");
        return root.Name.LocalName switch
        {
            "rss" => ParseRss(root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel") ?? throw new XmlException("<rss> has no <channel>"), root),
            "RDF" => ParseRss(root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel"), root),
            "feed" => ParseAtom(root),
            _ => throw new XmlException($"<{root.Name.LocalName}> is neither an RSS nor an Atom feed"),
        };
    }

    private static (string?, IReadOnlyList<FeedItem>) ParseRss(XElement? channel, XElement root)
    {
        // RSS 2.0 keeps items inside <channel>; RSS 1.0 puts them beside it.
        var items = (channel?.Elements() ?? []).Concat(root.Elements()).Where(e => e.Name.LocalName == "item");
        var list = items.Select(item =>
        {
            var html = Child(item, "encoded") ?? Child(item, "description") ?? string.Empty;
            return new FeedItem(
                Child(item, "guid") ?? item.Attributes().FirstOrDefault(a => a.Name.LocalName == "about")?.Value,
                Child(item, "link"),
                HtmlText.ToText(Child(item, "title")),
                HtmlText.ToText(html),
                Child(item, "creator") ?? Child(item, "author"),
                FeedDates.Parse(Child(item, "pubDate") ?? Child(item, "date") ?? Child(item, "updated")));
        }).ToList();
        return (Child(channel, "title"), list);
    }

    private static (string?, IReadOnlyList<FeedItem>) ParseAtom(XElement feed)
    {
        var list = feed.Elements().Where(e => e.Name.LocalName == "entry").Select(entry =>
        {
            var links = entry.Elements().Where(e => e.Name.LocalName == "link").ToList();
            var link = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();
            var content = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "content") ?? entry.Elements().FirstOrDefault(e => e.Name.LocalName == "summary");
            var html = content is null ? string.Empty
                : (string?)content.Attribute("type") == "xhtml" ? string.Concat(content.Nodes().Select(n => n.ToString()))
                : content.Value;
            var author = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "author");
            return new FeedItem(
                Child(entry, "id"),
                (string?)link?.Attribute("href"),
                HtmlText.ToText(Child(entry, "title")),
                HtmlText.ToText(html),
                Child(author, "name"),
                FeedDates.Parse(Child(entry, "published") ?? Child(entry, "updated")));
        }).ToList();
        return (Child(feed, "title"), list);
    }

    private static string? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim() is { Length: > 0 } value ? value : null;
}
