using System.Globalization;

namespace Webcare.Core.Cases;

/// <summary>
/// The ids carried by chat buttons and selects: <c>case:&lt;id&gt;:&lt;action&gt;</c>. Everything coming
/// back from a client is parsed strictly; nothing in it is trusted beyond its shape.
/// </summary>
public static class CaseActionId
{
    private const string Prefix = "case:";
    private const int MaxLength = 64;
    private const int MaxValueLength = 3000;

    private static readonly Dictionary<string, CaseActionKind> Verbs = new(StringComparer.Ordinal)
    {
        ["claim"] = CaseActionKind.Claim,
        ["release"] = CaseActionKind.Release,
        ["replied"] = CaseActionKind.MarkReplied,
        ["resolve"] = CaseActionKind.Resolve,
        ["dismiss"] = CaseActionKind.Dismiss,
        ["reopen"] = CaseActionKind.Reopen,
        ["origin"] = CaseActionKind.SetOrigin,
        ["rootcause"] = CaseActionKind.SetRootCause,
        ["edit"] = CaseActionKind.EditReply,
    };

    public static string Format(long caseId, CaseActionKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{caseId}:{VerbOf(kind)}");

    public static string VerbOf(CaseActionKind kind) => Verbs.First(v => v.Value == kind).Key;

    public static bool TryParseVerb(string verb, out CaseActionKind kind) => Verbs.TryGetValue(verb.Trim().ToLowerInvariant(), out kind);

    /// <summary>Parses an action id (and the selected or typed value) into a <see cref="CaseAction"/>.</summary>
    public static bool TryParse(string? id, string? value, Actor actor, out CaseAction action)
    {
        action = null!;
        if (id is null || id.Length > MaxLength || !id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = id[Prefix.Length..].Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var caseId)
            || caseId <= 0
            || !Verbs.TryGetValue(parts[1], out var kind))
        {
            return false;
        }

        if (value is { Length: > MaxValueLength })
        {
            return false;
        }

        var needsValue = kind is CaseActionKind.SetOrigin or CaseActionKind.SetRootCause or CaseActionKind.EditReply;
        if (needsValue && string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        action = new CaseAction(caseId, kind, actor, needsValue || kind == CaseActionKind.Dismiss ? value : null);
        return true;
    }
}
