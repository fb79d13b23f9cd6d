namespace Webcare.Sources.Webhook;

/// <summary>Settings of a <c>webhook</c> source: <c>POST /ingest/{Name}</c> on the local listener.</summary>
public sealed class WebhookOptions
{
    /// <summary><c>mention</c> (our JSON mention format, one object or an array) or <c>trustpilot</c> (Trustpilot's review webhook).</summary>
    public string Format { get; set; } = WebhookFormats.Mention;

    /// <summary>The header carrying <c>sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>.</summary>
    public string SignatureHeader { get; set; } = "X-Webcare-Signature";

    /// <summary>Largest body accepted, in bytes (the listener's own limit, Webcare:Http:MaxRequestBodyBytes, also applies).</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Most mentions in one batch.</summary>
    public int MaxBatch { get; set; } = 500;
}

public static class WebhookFormats
{
    public const string Mention = "mention";
    public const string Trustpilot = "trustpilot";
}
