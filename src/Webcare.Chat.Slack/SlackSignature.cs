using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Webcare.Chat.Slack;

/// <summary>Slack's v0 request signature: HMAC-SHA256 over <c>v0:{timestamp}:{raw body}</c>, within five minutes, compared in constant time.</summary>
public static class SlackSignature
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes("v0:" + timestamp + ":");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message);
        return "v0=" + Convert.ToHexStringLower(hash);
    }

    /// <summary>Null when valid, otherwise the reason (for the log; never the body).</summary>
    public static string? Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return "missing signature headers";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "malformed timestamp";
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
        {
            return "timestamp outside the 5-minute window";
        }

        var expected = Encoding.ASCII.GetBytes(Compute(signingSecret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? null : "signature mismatch";
    }
}
