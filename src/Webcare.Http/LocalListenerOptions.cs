namespace Webcare.Http;

/// <summary>Section <c>Webcare:Http</c>: the optional local listener for health, metrics, webhooks and Slack HTTP mode.</summary>
public sealed class LocalListenerOptions
{
    public const string Section = "Webcare:Http";

    public bool Enabled { get; set; }

    /// <summary>Where to listen. Loopback by default: put a reverse proxy in front to expose it.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Largest request body accepted by any endpoint, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
}
