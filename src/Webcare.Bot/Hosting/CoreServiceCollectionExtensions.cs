using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Webcare.Core.Brands;
using Webcare.Core.Cases;
using Webcare.Core.Commands;
using Webcare.Core.Pipeline;
using Webcare.Core.Reports.Digest;
using Webcare.Core.Reports.CaseHistory;
using Webcare.Core.Reports.Open;
using Webcare.Core.Reports.Origins;
using Webcare.Core.Reports.Summary;
using Webcare.Core.Routing;
using Webcare.Core.Team;
using Webcare.Core.Triage;

namespace Webcare.Bot.Hosting;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The domain: brands, triage, routing, cases and command handlers, with their options.</summary>
    public static IServiceCollection AddWebcareCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TeamOptions>().BindConfiguration(TeamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CaseOptions>().BindConfiguration(CaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section).ValidateOnStart();
        services.AddOptions<BrandsOptions>().Configure<IConfiguration>((options, configuration) =>
            options.Brands = configuration.GetSection(BrandsOptions.Section).Get<List<BrandRule>>() ?? []).ValidateOnStart();
        services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlaOptions>, SlaOptionsValidator>();
        services.AddSingleton<SlaPolicy>();
        services.AddScoped<SlaWatch>();
        services.AddHostedService<SlaWatchService>();
        services.AddSingleton<IValidateOptions<TeamOptions>, TeamOptionsValidator>();
        services.AddSingleton<IValidateOptions<BrandsOptions>, BrandsOptionsValidator>();
        services.AddSingleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>();

        services.AddSingleton(sp => new BrandMatcher(sp.GetRequiredService<IOptions<BrandsOptions>>().Value.Brands));
        services.AddWebcareTriage();
        services.AddSingleton<ChannelRouter>();
        services.AddScoped<MentionProcessor>();
        services.AddSingleton<CaseCardBuilder>();
        services.AddScoped<CaseService>();
        services.AddScoped<CommandDispatcher>();
        services.AddScoped<ICommandHandler, SummaryCommand>();
        services.AddSingleton<DigestService>();
        services.AddScoped<ICommandHandler, DigestCommand>();
        services.AddScoped<ICommandHandler, OpenCommand>();
        services.AddScoped<ICommandHandler, OriginsCommand>();
        services.AddScoped<ICommandHandler, RootCausesCommand>();
        services.AddScoped<ICommandHandler, CaseCommand>();
        return services;
    }
}
