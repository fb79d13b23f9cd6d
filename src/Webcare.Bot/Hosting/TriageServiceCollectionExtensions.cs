using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Configuration;
using Webcare.Core.Triage;
using Webcare.Core.Triage.Data;
using Webcare.Core.Triage.Llm;

namespace Webcare.Bot.Hosting;

public static class TriageServiceCollectionExtensions
{
    /// <summary>
    /// The triage engine with its data from &lt;content root&gt;/config/triage (Webcare:Triage:DataPath) and the
    /// optional LLM reply drafter (Webcare:Triage:Llm, off by default; key from the named environment variable).
    /// </summary>
    public static IServiceCollection AddWebcareTriage(this IServiceCollection services)
    {
        services.AddOptions<TriageOptions>().BindConfiguration(TriageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TriageOptions>, TriageOptionsValidator>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TriageOptions>>().Value;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return TriageDataLoader.Load(Path.GetFullPath(Path.Combine(root, options.DataPath)), options.FallbackLanguage);
        });
        services.AddSingleton<IStartupCheck, TriageDataStartupCheck>();
        services.TryAddSingleton<ITriage>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TriageOptions>>().Value;
            IReplyDrafter? drafter = null;
            if (options.Llm.Enabled)
            {
                drafter = new OpenAiChatReplyDrafter(
                    sp.GetRequiredService<LlmHttpClient>().Client,
                    options.Llm,
                    Environment.GetEnvironmentVariable(options.Llm.ApiKeyVariable),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<OpenAiChatReplyDrafter>>());
            }

            return new TriageEngine(
                sp.GetRequiredService<TriageKnowledge>(),
                options,
                sp.GetRequiredService<IOptions<CaseOptions>>().Value.RootCauses,
                drafter,
                sp.GetRequiredService<ILogger<TriageEngine>>());
        });
        services.TryAddSingleton<LlmHttpClient>();
        return services;
    }
}

/// <summary>Owns the one HttpClient of the LLM drafter; the drafter bounds each call with its own timeout.</summary>
internal sealed class LlmHttpClient : IDisposable
{
    public HttpClient Client { get; } = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => Client.Dispose();
}

/// <summary>Loads the triage data at start-up, so a broken file is one configuration line, not a crash later.</summary>
internal sealed class TriageDataStartupCheck(IServiceProvider services) : IStartupCheck
{
    public IEnumerable<string> Check()
    {
        try
        {
            services.GetRequiredService<TriageKnowledge>();
            return [];
        }
        catch (TriageDataException ex)
        {
            return [$"{TriageOptions.Section}:DataPath: {ex.Message}"];
        }
    }
}
