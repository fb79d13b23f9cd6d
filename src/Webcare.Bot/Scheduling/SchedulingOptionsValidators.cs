using Microsoft.Extensions.Options;
using Webcare.Core.Alerts;
using Webcare.Core.Chat;
using Webcare.Core.Reports.Digest;

namespace Webcare.Bot.Scheduling;

/// <summary>One line per problem, naming the key and the fix. A disabled digest is not checked.</summary>
internal sealed class DigestOptionsValidator(IEnumerable<IChatPlatform> platforms) : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        const string S = DigestOptions.Section;
        if (DigestOptions.ParseDay(options.Day) is null)
        {
            problems.Add($"{S}:Day '{options.Day}' is not a day of the week; use Monday, Tuesday, … or Sunday.");
        }

        if (DigestOptions.ParseTime(options.Time) is null)
        {
            problems.Add($"{S}:Time '{options.Time}' is not a time of day; write it as HH:mm, e.g. 09:00.");
        }

        if (!string.IsNullOrWhiteSpace(options.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            problems.Add($"{S}:TimeZone '{options.TimeZone}' is not a known IANA time zone; use e.g. Europe/Amsterdam, or leave it empty to use Webcare:Team:TimeZone.");
        }

        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            problems.Add($"{S}:Folder is empty; set it to a folder such as data/digests.");
        }

        ChannelCheck.Check($"{S}:Channel", options.Channel, platforms, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal sealed class SpikeOptionsValidator(IEnumerable<IChatPlatform> platforms) : IValidateOptions<SpikeOptions>
{
    public ValidateOptionsResult Validate(string? name, SpikeOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        const string S = SpikeOptions.Section;
        if (!(options.Multiple > 1) || double.IsInfinity(options.Multiple))
        {
            problems.Add($"{S}:Multiple {options.Multiple} must be a number above 1, e.g. 3 (alert at three times the usual hour).");
        }

        if (options.MinimumVolume < 1)
        {
            problems.Add($"{S}:MinimumVolume {options.MinimumVolume} must be at least 1, e.g. 20, so quiet hours do not alert.");
        }

        if (options.Cooldown < TimeSpan.FromHours(1))
        {
            problems.Add($"{S}:Cooldown {options.Cooldown} is shorter than the hour the alert looks at; use at least 01:00:00, e.g. 03:00:00.");
        }

        if (!string.IsNullOrWhiteSpace(options.Channel))
        {
            ChannelCheck.Check($"{S}:Channel", options.Channel, platforms, problems);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal static class ChannelCheck
{
    public static void Check(string key, string? value, IEnumerable<IChatPlatform> platforms, List<string> problems)
    {
        var known = platforms.Select(p => p.Platform).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!ChatAddress.TryParse(value, out var address))
        {
            problems.Add($"{key} '{value}' is not a chat address; write it as platform:channel, e.g. console:webcare-leads or slack:C0123ABC.");
        }
        else if (!known.Contains(address.Platform))
        {
            problems.Add($"{key} '{value}' uses platform '{address.Platform}', which is not configured; configure it or use one of: {string.Join(", ", known.Order())}.");
        }
    }
}
