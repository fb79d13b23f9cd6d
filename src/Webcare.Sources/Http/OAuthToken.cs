using System.Net.Http.Headers;

namespace Webcare.Sources.Http;

/// <summary>
/// An OAuth2 access token fetched from a token endpoint (client credentials or refresh token) and
/// reused until a minute before it expires, or until the API refuses it.
/// </summary>
public sealed class OAuthToken(SourceHttp http, TimeProvider clock, Func<HttpRequestMessage> createRequest)
{
    private string? _token;
    private DateTimeOffset _expiresAt;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_token is not null && clock.GetUtcNow() < _expiresAt)
        {
            return _token;
        }

        using var request = createRequest();
        using var answer = await http.GetJsonAsync(request, cancellationToken);
        _token = answer.RootElement.Str("access_token") ?? throw new SourceFormatException("the token endpoint answered without access_token");
        var lifetime = TimeSpan.FromSeconds(answer.RootElement.Int("expires_in") ?? 3600);
        _expiresAt = clock.GetUtcNow() + lifetime - TimeSpan.FromMinutes(1);
        return _token;
    }

    /// <summary>The API refused the token (401): fetch a new one next time.</summary>
    public void Invalidate() => _token = null;

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":" + password)));
}
