namespace Webcare.Core.Configuration;

/// <summary>
/// A configuration check run before the bot starts (beyond per-options validation). Each problem
/// is one line that names the configuration key and says how to fix it.
/// </summary>
public interface IStartupCheck
{
    IEnumerable<string> Check();
}
