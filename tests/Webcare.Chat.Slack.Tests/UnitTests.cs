using System.Text;
using System.Text.Json.Nodes;
using Webcare.Chat.Slack.Tests.Fakes;
using Webcare.Core.Chat;

namespace Webcare.Chat.Slack.Tests;

public sealed class SlackTextTests
{
    [Theory]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("<!channel>", "&lt;!channel&gt;")]
    [InlineData("<@U1|x>", "&lt;@U1|x&gt;")]
    [InlineData("&amp;", "&amp;amp;")]
    [InlineData("@everyone", "@everyone")]
    [InlineData("a\u202Eb", "a[U+202E]b")]
    [InlineData("a\u200Bb", "a[U+200B]b")]
    [InlineData("x\r\ny\u0007", "x\ny")]
    public void Escape_ControlCharacters_AreNeutralised(string raw, string expected) =>
        Assert.Equal(expected, SlackText.Escape(raw));

    [Fact]
    public void Escape_OverLimit_CutsWithVisibleEllipsisNeverInsideEntity()
    {
        var raw = string.Concat(Enumerable.Repeat("a&", 100));
        for (var max = 5; max < 60; max++)
        {
            var escaped = SlackText.Escape(raw, max);
            Assert.True(escaped.Length <= max, $"{escaped.Length} > {max}");
            Assert.EndsWith(SlackText.Ellipsis, escaped, StringComparison.Ordinal);
            Assert.DoesNotMatch("&(?!amp;)", escaped);
        }
    }

    [Fact]
    public void Escape_OverLimitWithEmoji_NeverSplitsSurrogatePair()
    {
        var escaped = SlackText.Escape(string.Concat(Enumerable.Repeat("😀", 10)), 8);

        Assert.Equal("😀😀😀" + SlackText.Ellipsis, escaped);
    }

    [Fact]
    public void Escape_ExactlyAtLimit_IsNotCut() => Assert.Equal("abc", SlackText.Escape("abc", 3));
}

public sealed class SlackSignatureTests
{
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    [Fact]
    public void Compute_SlackDocsVector_Matches() =>
        Assert.Equal("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
            SlackSignature.Compute("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void Verify_InsideWindow_Passes_OutsideFails()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1531420618);
        var signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        var body = Encoding.UTF8.GetBytes(Body);

        Assert.Null(SlackSignature.Verify("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", signature, body, at.AddMinutes(4)));
        Assert.NotNull(SlackSignature.Verify("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", signature, body, at.AddMinutes(6)));
        Assert.NotNull(SlackSignature.Verify("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", signature, [.. body, (byte)'x'], at));
        Assert.NotNull(SlackSignature.Verify("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", signature.ToUpperInvariant(), body, at));
    }
}

public sealed class BlockKitTests
{
    [Fact]
    public void RenderReply_HugeText_CutTo50BlocksWithVisibleNote()
    {
        var text = string.Join('\n', Enumerable.Range(0, 4000).Select(i => $"line {i} <!here> " + new string('z', 40)));
        var reply = new Reply(text);
        var message = new JsonObject { ["text"] = BlockKit.Fallback(reply), ["blocks"] = BlockKit.RenderReply(reply) };

        Assert.Equal(50, message["blocks"]!.AsArray().Count);
        Assert.Contains("more blocks were cut", message["blocks"]![49]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(BlockKitValidator.ValidateMessage(message));
    }

    [Fact]
    public void EditReplyModal_LongReply_PrefilledAndCutTo3000()
    {
        var view = BlockKit.EditReplyModal("case:9:edit", 9, new string('r', 5000));
        var element = view["blocks"]![0]!["element"]!;

        Assert.Equal(3000, ((string?)element["initial_value"])!.Length);
        Assert.EndsWith(SlackText.Ellipsis, (string?)element["initial_value"], StringComparison.Ordinal);
        Assert.True(((string?)view["title"]!["text"])!.Length <= 24);
    }

    [Fact]
    public void RenderCard_LongActionIdAndValues_WithinLimits()
    {
        var longId = "case:1:" + new string('c', 400);
        var card = new Card("t", CardTone.Neutral, [], Actions: [new(longId, new string('l', 200)), new("case:1:origin", "o", Options: [new(new string('v', 300), new string('o', 100))], SelectedValue: new string('v', 300))]);
        var message = new JsonObject { ["text"] = BlockKit.Fallback(card), ["blocks"] = BlockKit.RenderCard(card) };

        Assert.Empty(BlockKitValidator.ValidateMessage(message));
        Assert.NotNull(message["blocks"]!.AsArray().Last()!["elements"]![1]!["initial_option"]);
    }
}

public sealed class EnvelopeDeduplicatorTests
{
    [Fact]
    public void TryAdd_RepeatAndEviction_BehaveAsLru()
    {
        var dedupe = new EnvelopeDeduplicator(capacity: 2);

        Assert.True(dedupe.TryAdd("a"));
        Assert.False(dedupe.TryAdd("a"));
        Assert.True(dedupe.TryAdd("b"));
        Assert.True(dedupe.TryAdd("c")); // evicts a
        Assert.True(dedupe.TryAdd("a"));
        dedupe.Forget("a");
        Assert.True(dedupe.TryAdd("a"));
    }
}

/// <summary>A cheap guard: every text the adapter sends to Slack is built through SlackText (or BlockKit's helpers that call it).</summary>
public sealed partial class EscapingConventionTests
{
    [Fact]
    public void SlackSources_EveryOutgoingTextField_GoesThroughTheEscapingFunction()
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "src", "Webcare.Chat.Slack");
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.cs"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (System.Text.RegularExpressions.Match m in TextField().Matches(lines[i]))
                {
                    var value = m.Groups["value"].Value.Trim();
                    var allowed = value.StartsWith('"') || value.StartsWith("new JsonObject", StringComparison.Ordinal) || value.StartsWith("PlainText(", StringComparison.Ordinal) || value.StartsWith("Mrkdwn(", StringComparison.Ordinal)
                        || value.StartsWith("SlackText.", StringComparison.Ordinal) || value.StartsWith("BlockKit.Fallback(", StringComparison.Ordinal)
                        || value.StartsWith("NonEmpty(SlackText.", StringComparison.Ordinal) || value.StartsWith("NonEmpty(escaped)", StringComparison.Ordinal)
                        || value.StartsWith("fallback.Length == 0 ? \"Webcare\" : fallback", StringComparison.Ordinal);
                    if (!allowed)
                    {
                        offenders.Add($"{Path.GetFileName(file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void ForInput_HiddenAndControlCharacters_DroppedAndCut()
    {
        Assert.Equal("ab\ncd", SlackText.ForInput("a\u202Eb\r\ncd\u0007", 100));
        Assert.Equal("ab…", SlackText.ForInput("abcdef", 3));
    }

    [System.Text.RegularExpressions.GeneratedRegex("\\[\"(text|initial_value|alt_txt|title|placeholder)\"\\] = (?<value>[^,;}]+)")]
    private static partial System.Text.RegularExpressions.Regex TextField();
}
