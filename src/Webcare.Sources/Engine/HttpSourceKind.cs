using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Sources.Http;

namespace Webcare.Sources.Engine;

/// <summary>A source kind that polls an HTTP API: binds and checks its options, and hands each source its <see cref="SourceHttp"/>.</summary>
public abstract class HttpSourceKind<TOptions>(IHttpClientFactory httpClients, TimeProvider clock, ILoggerFactory loggers) : ISourceKind
    where TOptions : new()
{
    public abstract string Kind { get; }

    protected TimeProvider Clock => clock;

    protected ILoggerFactory Loggers => loggers;

    public IEnumerable<string> Validate(IConfigurationSection section)
    {
        var (options, problem) = SourceSettings.TryBind<TOptions>(section);
        return options is null ? [problem!] : Check(options, section).Where(p => p is not null).Select(p => p!).ToList();
    }

    public IMentionSource Create(SourceDefinition definition, IConfigurationSection section, IServiceProvider services) =>
        Create(definition, SourceSettings.Bind<TOptions>(section), section, new SourceHttp(httpClients.CreateClient(SourceHttp.ClientName), definition.Name, clock));

    /// <summary>Problems, one line each naming the key (null entries are ignored).</summary>
    protected abstract IEnumerable<string?> Check(TOptions options, IConfigurationSection section);

    protected abstract IMentionSource Create(SourceDefinition definition, TOptions options, IConfigurationSection section, SourceHttp http);
}
