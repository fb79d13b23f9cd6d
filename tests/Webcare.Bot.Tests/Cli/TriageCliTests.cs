using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webcare.Bot.Cli;
using Webcare.Bot.Hosting;
using Webcare.Core.Triage;
using Webcare.Core.Triage.Evaluation;

namespace Webcare.Bot.Tests.Cli;

/// <summary>The `triage` and `eval` verbs' output contracts, with the host and the shipped config/triage.</summary>
public sealed class TriageCliTests
{
    [Fact]
    public async Task TriageLineAsync_ValidLine_WritesEveryContractField()
    {
        using var host = WebcareHost.CreateBuilder(AppContext.BaseDirectory).Build();
        var triage = host.Services.GetRequiredService<ITriage>();

        var line = await TriageVerb.TriageLineAsync(
            triage,
            "{\"text\":\"Got an error online and now on hold for 2 hours @telvio\",\"author\":{\"handle\":\"jan\",\"followers\":50},\"source\":\"x\"}",
            1,
            CancellationToken.None);

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        foreach (var field in new[] { "negative", "score", "probability", "lang", "intent", "urgency", "priority", "origin", "originEvidence", "rootCauses", "why", "suggestedReply" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing {field} in {line}");
        }

        Assert.True(root.GetProperty("negative").GetBoolean());
        Assert.Equal("online", root.GetProperty("origin").GetString());
        Assert.Equal("online", root.GetProperty("originEvidence").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("rootCauses").ValueKind);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"lang\":\"nl\"}")]
    public async Task TriageLineAsync_MalformedLine_WritesAnErrorObjectForThatLine(string input)
    {
        using var host = WebcareHost.CreateBuilder(AppContext.BaseDirectory).Build();
        var triage = host.Services.GetRequiredService<ITriage>();

        var line = await TriageVerb.TriageLineAsync(triage, input, 7, CancellationToken.None);

        using var json = JsonDocument.Parse(line);
        Assert.Equal(7, json.RootElement.GetProperty("line").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task EvalVerb_CsvWithBomCrlfAndMultiLineField_PrintsOneJsonObject()
    {
        var path = Path.Combine(Path.GetTempPath(), $"webcare-eval-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(
            path,
            "text,label,origin\r\n\"Al 3 weken geen internet,\r\nen niemand belt terug.\",negative,unknown\r\n\"Ik sta al een uur in de wacht, schandalig.\",negative,phone\r\nTop geholpen!,positive,unknown\r\n",
            new UTF8Encoding(true));
        var output = new StringWriter();
        try
        {
            var exit = await EvalVerb.RunAsync(new FileInfo(path), new ColumnMap("text", "label", OriginColumn: "origin"), "negative", null, false, 0, null, output, CancellationToken.None);

            Assert.Equal(0, exit);
            using var json = JsonDocument.Parse(output.ToString());
            var root = json.RootElement;
            Assert.Equal(3, root.GetProperty("n").GetInt32());
            Assert.Equal(1.0, root.GetProperty("f1").GetDouble());
            Assert.Equal(2, root.GetProperty("confusion").GetProperty("truePositive").GetInt32());
            Assert.Equal(1.0, root.GetProperty("origin").GetProperty("phone").GetProperty("recall").GetDouble());
            Assert.True(root.GetProperty("perLanguage").TryGetProperty("nl", out _));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
