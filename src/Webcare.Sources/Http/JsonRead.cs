using System.Globalization;
using System.Text.Json;

namespace Webcare.Sources.Http;

/// <summary>Tolerant readers for platform JSON: a missing or wrongly typed field is null, never an exception.</summary>
public static class JsonRead
{
    public static JsonElement? Prop(this JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? Str(this JsonElement json, string name) => json.Prop(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static string? Str(this JsonElement? json, string name) => json is { } j ? j.Str(name) : null;

    public static int? Int(this JsonElement json, string name) => json.Prop(name) switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetDouble(out var d) => (int)Math.Clamp(d, 0, int.MaxValue),
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => (int)Math.Clamp(l, 0, int.MaxValue),
        _ => null,
    };

    public static int? Int(this JsonElement? json, string name) => json is { } j ? j.Int(name) : null;

    public static double? Double(this JsonElement json, string name) =>
        json.Prop(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetDouble(out var d) ? d : null;

    public static DateTimeOffset? Time(this JsonElement json, string name) =>
        json.Str(name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static IEnumerable<JsonElement> Array(this JsonElement json, string name) =>
        json.Prop(name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    public static IEnumerable<JsonElement> Array(this JsonElement? json, string name) => json is { } j ? j.Array(name) : [];

    /// <summary>Orders numeric id strings (Mastodon, X snowflakes) without parsing: longer is newer.</summary>
    public static int CompareIds(string? a, string? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
}
