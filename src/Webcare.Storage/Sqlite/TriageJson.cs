using System.Text.Json;
using System.Text.Json.Serialization;
using Webcare.Core.Triage;

namespace Webcare.Storage.Sqlite;

/// <summary>The full triage verdict is kept as JSON beside the columns that reports query.</summary>
internal static class TriageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(TriageResult result) => JsonSerializer.Serialize(result, Options);

    public static TriageResult Deserialize(string json) =>
        JsonSerializer.Deserialize<TriageResult>(json, Options) ?? throw new InvalidDataException("Stored triage JSON is empty.");
}
