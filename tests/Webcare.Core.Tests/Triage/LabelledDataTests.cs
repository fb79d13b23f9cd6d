using System.Text;
using Webcare.Core.Triage.Evaluation;

namespace Webcare.Core.Tests.Triage;

/// <summary>The eval/train readers: RFC 4180 CSV (quoted multi-line fields, BOM, CRLF), JSON Lines, tab-separated.</summary>
public sealed class LabelledDataTests
{
    [Fact]
    public void ReadCsv_QuotedMultiLineFieldsWithBomAndCrlf_ParsesEveryRecord()
    {
        var csv = "\uFEFFid,text,label\r\n"
            + "1,\"Line one\r\nline two, with a comma\",negative\r\n"
            + "2,\"She said \"\"hi\"\"\",positive\r\n"
            + "3,plain text,neutral";

        var rows = LabelledData.ReadCsv(csv, new ColumnMap("text", "label"));

        Assert.Equal(3, rows.Count);
        Assert.Equal("Line one\r\nline two, with a comma", rows[0].Text);
        Assert.Equal("negative", rows[0].Label);
        Assert.Equal("She said \"hi\"", rows[1].Text);
        Assert.Equal("plain text", rows[2].Text);
        Assert.Equal("neutral", rows[2].Label);
    }

    [Fact]
    public void ReadCsv_LfOnlyWithoutBomAndTrailingNewline_ParsesEveryRecord()
    {
        var csv = "text,label,origin\n\"multi\nline\",negative,store\nsecond,positive,unknown\n";

        var rows = LabelledData.ReadCsv(csv, new ColumnMap("text", "label", OriginColumn: "origin"));

        Assert.Equal(2, rows.Count);
        Assert.Equal("multi\nline", rows[0].Text);
        Assert.Equal("store", rows[0].Origin);
    }

    [Fact]
    public void ReadCsv_MissingColumn_NamesTheColumns()
    {
        var ex = Assert.Throws<FormatException>(() => LabelledData.ReadCsv("a,b\n1,2\n", new ColumnMap("text", "label")));

        Assert.Contains("'text'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a, b", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CsvFileWithBom_UsesTheCsvReader()
    {
        var path = Path.Combine(Path.GetTempPath(), $"webcare-eval-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "review,sentiment\r\n\"Mooi boek,\r\necht waar\",1\r\nSaai,0\r\n", new UTF8Encoding(true));
        try
        {
            var rows = LabelledData.Read(path, new ColumnMap("review", "sentiment"));

            Assert.Equal(2, rows.Count);
            Assert.Equal("Mooi boek,\r\necht waar", rows[0].Text);
            Assert.Equal("0", rows[1].Label);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadJsonLines_ReadsTextLabelLanguageAndOrigin()
    {
        var rows = LabelledData.ReadJsonLines(
            ["{\"text\":\"a\",\"labelSentiment\":\"negative\",\"labelLang\":\"nl\",\"labelOrigin\":\"phone\"}", "", "{\"text\":\"b\",\"labelSentiment\":\"positive\"}"],
            new ColumnMap("text", "labelSentiment", "labelLang", "labelOrigin"));

        Assert.Equal(2, rows.Count);
        Assert.Equal(("a", "negative", "nl", "phone"), (rows[0].Text, rows[0].Label, rows[0].Language, rows[0].Origin));
    }

    [Fact]
    public void ReadTabSeparated_SplitsOnTheLastTabAndKeepsQuotes()
    {
        var rows = LabelledData.ReadTabSeparated(["sentence\tscore", "He said \"wow\tit works\t1", "Bad\t0"]);

        Assert.Equal(2, rows.Count);
        Assert.Equal("He said \"wow\tit works", rows[0].Text);
        Assert.Equal("positive", rows[0].Label);
        Assert.Equal("negative", rows[1].Label);
    }

    [Fact]
    public void ReadTextAndLabels_MapsTweetEvalIds()
    {
        var rows = LabelledData.ReadTextAndLabels(["x", "y", "z"], ["0", "1", "2"]);

        Assert.Equal(["negative", "neutral", "positive"], rows.Select(r => r.Label));
    }

    [Fact]
    public void Read_SupportConversationsWithIdLabels_ReturnsOnlyTheLabelledCustomerTurns()
    {
        var directory = Directory.CreateTempSubdirectory("webcare-labels-");
        try
        {
            var conversations = Path.Combine(directory.FullName, "dev.json");
            File.WriteAllText(conversations, """
                [{"dialogContent": [
                    {"client": "a", "message": "@Brand my order never arrived", "tweet_ID": "101"},
                    {"agent": "Brand", "message": "Sorry to hear that, please DM us", "tweet_ID": "102"},
                    {"client1": "b", "message": "@Brand thanks, sorted!", "tweet_ID": "103"},
                    {"client": "a", "message": "@Brand unlabelled turn", "tweet_ID": "104"}],
                  "agentURL": {"url_utterance": "Here is how: https://help.example"}}]
                """);
            var labelFile = Path.Combine(directory.FullName, "labels.tsv");
            File.WriteAllText(labelFile, "tweet_id\tlabel\torigin\tfile\n101\tnegative\tonline\tdev\n103\tpositive\tunknown\tdev\n");

            var rows = LabelledData.Read(conversations, new ColumnMap(), IdLabels.Read(labelFile));

            Assert.Collection(
                rows,
                first => Assert.Equal(("@Brand my order never arrived", "negative", "online"), (first.Text, first.Label, first.Origin)),
                second => Assert.Equal(("@Brand thanks, sorted!", "positive", "unknown"), (second.Text, second.Label, second.Origin)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void IdLabels_LineWithoutLabel_NamesFileAndLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"webcare-labels-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, "tweet_id\tlabel\n101\tnegative\n102\n");
        try
        {
            var ex = Assert.Throws<FormatException>(() => IdLabels.Read(path));

            Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
