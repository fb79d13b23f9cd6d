using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Webcare.Sources.Http;

/// <summary>Settings helpers shared by the source kinds: secrets from the environment, base URLs, JSON cursors.</summary>
public static class SourceSettings
{
    private static readonly JsonSerializerOptions CursorOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A secret: the environment variable named by <c>{key}Variable</c> when set, else <c>{key}</c>, which
    /// should itself come from the environment (e.g. <c>Webcare__Sources__0__Token</c>), never from a config file.
    /// </summary>
    public static string? Secret(IConfigurationSection section, string key)
    {
        var variable = section[key + "Variable"];
        if (!string.IsNullOrWhiteSpace(variable))
        {
            return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
        }

        return section[key] is { Length: > 0 } direct ? direct : null;
    }

    /// <summary>One line when a page size is outside [min, max] or MaxPages is below 1; null when both are fine.</summary>
    public static string? CheckPaging(IConfigurationSection section, string key, int pageSize, int min, int max, int maxPages, int examplePages) =>
        pageSize < min || pageSize > max || maxPages < 1
            ? $"{section.Path}:{key} must be {min}-{max} and MaxPages at least 1; use e.g. {max} and {examplePages}."
            : null;

    /// <summary>One line naming the key and the fix when the secret is missing; null when it is there.</summary>
    public static string? RequireSecret(IConfigurationSection section, string key, string what)
    {
        if (Secret(section, key) is not null)
        {
            return null;
        }

        var variable = section[key + "Variable"];
        var envName = section.Path.Replace(":", "__", StringComparison.Ordinal) + "__" + key;
        return string.IsNullOrWhiteSpace(variable)
            ? $"{section.Path}:{key} ({what}) is not set; set the environment variable {envName}, or name another variable in {section.Path}:{key}Variable."
            : $"{section.Path}:{key}Variable names the environment variable '{variable}' ({what}), which is not set; export it before starting the bot.";
    }

    /// <summary>Null when <paramref name="value"/> is an absolute http(s) URL, else one line naming the key.</summary>
    public static string? CheckUrl(IConfigurationSection section, string key, string? value)
    {
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? null
            : $"{section.Path}:{key} '{value}' is not an absolute http(s) URL; use e.g. https://example.org/.";
    }

    public static Uri Combine(string baseUrl, string relative) => new(new Uri(baseUrl.TrimEnd('/') + "/"), relative.TrimStart('/'));

    public static T ReadCursor<T>(string? cursor)
        where T : new()
    {
        if (string.IsNullOrWhiteSpace(cursor))
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize<T>(cursor, CursorOptions) ?? new T();
        }
        catch (JsonException)
        {
            return new T(); // A cursor from an older version: re-read; dedupe makes that harmless.
        }
    }

    public static string WriteCursor<T>(T state) => JsonSerializer.Serialize(state, CursorOptions);

    public static TOptions Bind<TOptions>(IConfigurationSection section)
        where TOptions : new() => section.Get<TOptions>() ?? new TOptions();

    /// <summary>Binds, turning a binder error into one line naming the section.</summary>
    public static (TOptions? Options, string? Problem) TryBind<TOptions>(IConfigurationSection section)
        where TOptions : new()
    {
        try
        {
            return (Bind<TOptions>(section), null);
        }
        catch (InvalidOperationException ex)
        {
            return (default, $"{section.Path}: {ex.InnerException?.Message ?? ex.Message}");
        }
    }
}
