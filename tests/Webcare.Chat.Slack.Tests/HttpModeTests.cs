using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Webcare.Chat.Slack.Tests.Fakes;
using Webcare.Core.Cases;
using Webcare.Http;

namespace Webcare.Chat.Slack.Tests;

/// <summary>HTTP mode on the bot's local listener: signed requests work, anything else is 401 and logged without its body.</summary>
public sealed class HttpModeTests : IAsyncLifetime
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private FakeSlack _fake = null!;
    private SlackBot _bot = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _fake = await FakeSlack.StartAsync();
        _bot = await SlackBot.StartAsync(_fake, [Mentions.Negative(1)], extra: new Dictionary<string, string?>
        {
            ["Webcare:Slack:Mode"] = "http",
            ["Webcare:Slack:AppToken"] = null,
            ["Webcare:Slack:SigningSecret"] = Secret,
            ["Webcare:Http:Enabled"] = "true",
            ["Webcare:Http:Url"] = "http://127.0.0.1:0",
        });
        _http.BaseAddress = _bot.Services.GetRequiredService<LocalHttpListener>().BoundAddress;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _bot.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Command_ValidSignature_AnswersInTheResponse()
    {
        var response = await SendAsync("/slack/commands", Form("help"), DateTimeOffset.UtcNow, sign: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("/webcare summary", (string?)body["text"], StringComparison.Ordinal);
        Assert.Empty(_fake.CallsTo("apps.connections.open"));
    }

    [Theory]
    [InlineData("wrong-signature")]
    [InlineData("old-timestamp")]
    [InlineData("future-timestamp")]
    [InlineData("missing")]
    public async Task Command_BadSignatureOrTimestamp_Is401AndBodyNotLogged(string problem)
    {
        var body = Form("help secret-body-marker");
        var now = DateTimeOffset.UtcNow;
        var response = problem switch
        {
            "wrong-signature" => await SendAsync("/slack/commands", body, now, sign: true, secret: "not-the-secret"),
            "old-timestamp" => await SendAsync("/slack/commands", body, now - TimeSpan.FromMinutes(6), sign: true),
            "future-timestamp" => await SendAsync("/slack/commands", body, now + TimeSpan.FromMinutes(6), sign: true),
            _ => await SendAsync("/slack/commands", body, now, sign: false),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        Assert.Contains(_bot.Dir.Log, l => l.Contains("rejected with 401", StringComparison.Ordinal));
        Assert.DoesNotContain(_bot.Dir.Log, l => l.Contains("secret-body-marker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Interactivity_SignedClaim_ChangesCase()
    {
        await FakeSlack.WaitUntilAsync(() => _fake.CallsTo("chat.postMessage").Any(), TimeSpan.FromSeconds(15), "the card");
        var payload = SlackBot.BlockAction("unused", SlackBot.Agent, "case:1:claim")["payload"]!.ToJsonString();
        var body = "payload=" + Uri.EscapeDataString(payload);

        var response = await SendAsync("/slack/interactivity", body, DateTimeOffset.UtcNow, sign: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await FakeSlack.WaitUntilAsync(() => _bot.CaseAsync(1).GetAwaiter().GetResult().State == CaseState.Claimed, TimeSpan.FromSeconds(15), "claim");
    }

    [Fact]
    public async Task Events_UrlVerification_EchoesChallenge()
    {
        var response = await SendAsync("/slack/events", """{"type":"url_verification","challenge":"abc123"}""", DateTimeOffset.UtcNow, sign: true, json: true);

        Assert.Equal("abc123", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]);
    }

    private static string Form(string text) =>
        $"token=x&team_id=T1&channel_id={SlackBot.Channel}&user_id={SlackBot.Lead}&user_name=lead&command=%2Fwebcare&text={Uri.EscapeDataString(text)}&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fr&trigger_id=t1";

    private async Task<HttpResponseMessage> SendAsync(string path, string body, DateTimeOffset at, bool sign, string secret = Secret, bool json = false)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new(json ? "application/json" : "application/x-www-form-urlencoded");
        if (sign)
        {
            var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(secret, timestamp, bytes));
        }

        return await _http.SendAsync(request);
    }
}
