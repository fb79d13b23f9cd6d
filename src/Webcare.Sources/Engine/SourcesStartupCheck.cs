using Webcare.Core.Configuration;

namespace Webcare.Sources.Engine;

internal sealed class SourcesStartupCheck(SourcesConfiguration configuration) : IStartupCheck
{
    public IEnumerable<string> Check() => configuration.Validate();
}
