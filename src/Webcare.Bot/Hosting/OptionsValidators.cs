using Microsoft.Extensions.Options;
using Webcare.Core.Chat;
using Webcare.Core.Routing;
using Webcare.Core.Team;

namespace Webcare.Bot.Hosting;

/// <summary>Each failure is one line that names the key and says how to fix it.</summary>
internal sealed class TeamOptionsValidator : IValidateOptions<TeamOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamOptions options)
    {
        try
        {
            options.ResolveTimeZone();
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return ValidateOptionsResult.Fail(
                $"{TeamOptions.Section}:TimeZone '{options.TimeZone}' is not a known IANA time zone; use e.g. Europe/Amsterdam or Europe/Brussels.");
        }
    }
}

internal sealed class BrandsOptionsValidator : IValidateOptions<BrandsOptions>
{
    public ValidateOptionsResult Validate(string? name, BrandsOptions options)
    {
        if (options.Brands.Count == 0)
        {
            return ValidateOptionsResult.Fail($"{BrandsOptions.Section} is empty; add at least one brand, e.g. {{ \"Name\": \"Huiskes\", \"Handles\": [\"@huiskes\"] }}.");
        }

        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Brands.Count; i++)
        {
            var brand = options.Brands[i];
            if (string.IsNullOrWhiteSpace(brand.Name))
            {
                problems.Add($"{BrandsOptions.Section}:{i}:Name is empty; every brand needs the name people use for it.");
            }
            else if (!names.Add(brand.Name))
            {
                problems.Add($"{BrandsOptions.Section}:{i}:Name '{brand.Name}' appears twice; merge the two entries.");
            }

            foreach (var language in brand.Languages.Where(l => l.Length != 2 || !l.All(char.IsAsciiLetterLower)))
            {
                problems.Add($"{BrandsOptions.Section}:{i}:Languages '{language}' is not a two-letter lower-case ISO 639-1 code such as nl or en.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal sealed class RoutingOptionsValidator(IEnumerable<IChatPlatform> platforms) : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var known = platforms.Select(p => p.Platform).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        CheckChannel($"{RoutingOptions.Section}:DefaultChannel", options.DefaultChannel, known, problems);
        if (options.OpsChannel is { Length: > 0 } ops)
        {
            CheckChannel($"{RoutingOptions.Section}:OpsChannel", ops, known, problems);
        }

        for (var i = 0; i < options.Routes.Count; i++)
        {
            var route = options.Routes[i];
            CheckChannel($"{RoutingOptions.Section}:Routes:{i}:Channel", route.Channel, known, problems);
            if (!ChannelRouter.TryParsePriority(route.MinPriority, out _))
            {
                problems.Add($"{RoutingOptions.Section}:Routes:{i}:MinPriority '{route.MinPriority}' is not valid; use P1, P2, P3 or P4.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckChannel(string key, string value, HashSet<string> known, List<string> problems)
    {
        if (!ChatAddress.TryParse(value, out var address))
        {
            problems.Add($"{key} '{value}' is not a chat address; write it as platform:channel, e.g. console:webcare or slack:C0123ABC.");
        }
        else if (!known.Contains(address.Platform))
        {
            problems.Add($"{key} '{value}' uses platform '{address.Platform}', which is not configured; configure it or use one of: {string.Join(", ", known.Order())}.");
        }
    }
}
