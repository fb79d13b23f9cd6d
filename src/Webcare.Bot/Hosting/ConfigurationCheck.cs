using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webcare.Core.Configuration;

namespace Webcare.Bot.Hosting;

/// <summary>Collects every configuration problem before anything starts, as one readable line each.</summary>
public static partial class ConfigurationCheck
{
    public static IReadOnlyList<string> Run(IServiceProvider services)
    {
        var problems = new List<string>();
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception ex)
        {
            problems.AddRange(Describe(ex));
        }

        foreach (var check in services.GetServices<IStartupCheck>())
        {
            try
            {
                problems.AddRange(check.Check());
            }
            catch (Exception ex)
            {
                problems.AddRange(Describe(ex));
            }
        }

        return problems.Distinct().ToList();
    }

    private static IEnumerable<string> Describe(Exception ex) => ex switch
    {
        OptionsValidationException validation => validation.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Describe),
        InvalidOperationException when ConversionError().Match(ex.Message) is { Success: true } m => [DescribeConversion(m)],
        _ => [ex.Message],
    };

    private static string DescribeConversion(Match match)
    {
        var (value, key, type) = (match.Groups["value"].Value, match.Groups["key"].Value, match.Groups["type"].Value);
        var hint = type switch
        {
            "System.TimeSpan" => "write durations as hh:mm:ss, e.g. 00:00:20",
            "System.Boolean" => "use true or false",
            "System.Int32" or "System.Int64" => "use a whole number",
            _ => $"use a value of type {type}",
        };
        return $"{key} '{value}' cannot be read; {hint}.";
    }

    [GeneratedRegex("^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionError();
}
