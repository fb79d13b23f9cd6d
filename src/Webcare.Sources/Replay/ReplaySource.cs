using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Sources.Json;

namespace Webcare.Sources.Replay;

/// <summary>
/// Replays a JSON Lines file as if each line arrived live: the no-token demo and a way to test
/// triage on real exports. The cursor is the last line number delivered.
/// </summary>
public sealed partial class ReplaySource(
    string name,
    string path,
    ReplayOptions options,
    TimeProvider clock,
    ILogger<ReplaySource> logger) : IMentionSource
{
    public string Name => name;

    public string Kind => ReplayKind.KindName;

    public async IAsyncEnumerable<MentionBatch> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        var start = int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var done) ? done : 0;
        if (start >= lines.Length)
        {
            LogAlreadyReplayed(name, lines.Length, path);
            yield break;
        }

        var pause = lines.Length == 0 ? TimeSpan.Zero : options.Duration / lines.Length;
        var live = !string.Equals(options.Timestamps, "original", StringComparison.OrdinalIgnoreCase);
        for (var index = start; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var mention = Parse(lines[index], lineNumber);
            var cursorAfter = lineNumber.ToString(CultureInfo.InvariantCulture);
            if (mention is not null)
            {
                yield return new MentionBatch([live ? mention with { PostedAt = clock.GetUtcNow() } : mention], cursorAfter);
            }
            else
            {
                yield return new MentionBatch([], cursorAfter);
            }

            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, clock, cancellationToken);
            }
        }
    }

    private Mention? Parse(string line, int lineNumber)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            if (MentionJson.TryParse(document.RootElement, name, clock.GetUtcNow(), out var mention, out var error))
            {
                return mention;
            }

            LogBadLine(name, lineNumber, error);
        }
        catch (JsonException ex)
        {
            LogBadLine(name, lineNumber, ex.Message);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceName}: line {LineNumber} skipped: {Reason}")]
    private partial void LogBadLine(string sourceName, int lineNumber, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceName} already replayed all {Count} lines of {Path}; delete its database (data/) to replay them again")]
    private partial void LogAlreadyReplayed(string sourceName, int count, string path);
}
