using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webcare.Core.Configuration;

namespace Webcare.Bot.Hosting;

/// <summary>Collects every configuration problem before anything starts, as one readable line each.</summary>
public static class ConfigurationCheck
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
        InvalidOperationException { InnerException: { } inner } when ex.Message.StartsWith("Failed to convert", StringComparison.Ordinal)
            => [$"{ex.Message.TrimEnd('.')}: {inner.Message}"],
        _ => [ex.Message],
    };
}
