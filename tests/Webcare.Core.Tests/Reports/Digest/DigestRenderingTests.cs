using System.Text;
using System.Xml;
using System.Xml.Linq;
using Webcare.Core.Reports.Digest;

namespace Webcare.Core.Tests.Reports.Digest;

public sealed class DigestRenderingTests
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    private static XDocument Parse(byte[] html)
    {
        using var reader = XmlReader.Create(new MemoryStream(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    [Fact]
    public void Render_HostileCustomerText_IsWellFormedAndEscaped()
    {
        var html = DigestHtml.Render(SampleReports.Full());

        var document = Parse(html); // Throws when the file is not well-formed.
        var text = Encoding.UTF8.GetString(html);
        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName is "script" or "img" or "b");
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg/onload", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;", text, StringComparison.Ordinal);
        // The quote reads back as the customer wrote it (minus the control character XML cannot carry).
        var quote = document.Descendants(Xhtml + "blockquote").First().Value;
        Assert.StartsWith("<script>alert('x')</script> & \"quoted\" <b>bold</b> ]]> 🙂", quote, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Report_HasInlineSvgChartsAndNumbers()
    {
        var document = Parse(DigestHtml.Render(SampleReports.Full()));
        XNamespace svg = "http://www.w3.org/2000/svg";

        Assert.Equal(2, document.Descendants(svg + "svg").Count());
        // Two bars per origin plus this week's confirmed part.
        Assert.Equal(15, document.Descendants(svg + "rect").Count(r => (string?)r.Attribute("width") == "30"));
        Assert.Contains(document.Descendants(svg + "title"), t => t.Value == "30 confirmed");
        Assert.Equal(2, document.Descendants(svg + "polyline").Count());
        var body = document.Root!.Value;
        Assert.Contains("1,234", body, StringComparison.Ordinal);
        Assert.Contains("+12%", body, StringComparison.Ordinal); // 1234 against 1100
        Assert.Contains("79%", body, StringComparison.Ordinal);  // 150 of 190 within target
        Assert.Contains("storing", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EmptyWeek_IsWellFormed()
    {
        var document = Parse(DigestHtml.Render(SampleReports.Empty()));
        Assert.Contains("No cases this week.", document.Root!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_FullReport_HasHeadlineChangesCausesAndQuotes()
    {
        var text = DigestText.Render(SampleReports.Full());

        Assert.Contains("Mentions 1,234 (+12%)", text, StringComparison.Ordinal);
        Assert.Contains("negative 24% (+1 pt)", text, StringComparison.Ordinal);
        Assert.Contains("cases opened 210 (+11%)", text, StringComparison.Ordinal);
        Assert.Contains("first response median 42 min (−13 min)", text, StringComparison.Ordinal);
        Assert.Contains("store 42 (30 confirmed, 12 guessed; +12)", text, StringComparison.Ordinal);
        Assert.Contains("1. waiting_time 34 (+10)", text, StringComparison.Ordinal);
        Assert.Contains("2. billing 20 (−5) — “Dubbel afgeschreven!”", text, StringComparison.Ordinal);
        // Raw in the model: the chat platforms escape it, not the digest.
        Assert.Contains("<script>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToReply_Report_AttachesPngAndHtml()
    {
        var reply = DigestService.ToReply(SampleReports.Full());

        Assert.Equal(["digest-2026-W47.png", "digest-2026-W47.html"], reply.FilesOrEmpty.Select(f => f.FileName).ToArray());
        Assert.Equal(["image/png", "text/html"], reply.FilesOrEmpty.Select(f => f.ContentType).ToArray());
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(4, 4)]
    [InlineData(5, 8)]
    [InlineData(37, 40)]
    [InlineData(41, 60)]
    [InlineData(150, 200)]
    [InlineData(999, 1000)]
    public void NiceCeiling_Values_AreDivisibleByFourAndAtLeastTheValue(int value, int expected)
    {
        Assert.Equal(expected, Webcare.Core.Reports.Charts.DigestChart.NiceCeiling(value));
    }
}
