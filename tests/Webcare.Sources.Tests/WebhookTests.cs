using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;
using Webcare.Core.Routing;
using Webcare.Http;
using Webcare.Sources.Tests.Infrastructure;

namespace Webcare.Sources.Tests;

/// <summary>The webhook ingest on the real local listener, over a real socket.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "s3cret-for-tests";
    private TestStore _db = null!;
    private ServiceProvider _services = null!;
    private LocalHttpListener _listener = null!;
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync()
    {
        _db = await TestStore.CreateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webcare:Http:Enabled"] = "true",
            ["Webcare:Http:Url"] = "http://127.0.0.1:0",
            ["Webcare:Sources:0:Name"] = "hook",
            ["Webcare:Sources:0:Kind"] = "webhook",
            ["Webcare:Sources:0:Secret"] = Secret,
            ["Webcare:Sources:0:MaxBodyBytes"] = "4096",
            ["Webcare:Sources:1:Name"] = "trustpilot",
            ["Webcare:Sources:1:Kind"] = "webhook",
            ["Webcare:Sources:1:Format"] = "trustpilot",
            ["Webcare:Sources:1:Secret"] = Secret,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(_db.Clock);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        services.AddSingleton(Options.Create(new RoutingOptions()));
        services.AddSingleton<IMentionSink>(new InlineSink(_db.Processor));
        services.AddSingleton<ISourceHealthStore>(_db.Store);
        services.AddSingleton<ISourceCursorStore>(_db.Store);
        services.AddWebcareSources();
        services.AddWebcareHttp();
        _services = services.BuildServiceProvider();
        _listener = _services.GetRequiredService<LocalHttpListener>();
        await _listener.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _listener.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string source, string body, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_listener.BoundAddress!, "/ingest/" + source))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Webcare-Signature", signature ?? Sign(body));
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Sign(string body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task Post_SignedBatch_Returns202AfterStoringAndIsIdempotent()
    {
        const string Body = """
            [
              {"id":"lt-1","network":"instagram","author":{"handle":"@lisa","name":"Lisa","followers":5400},"text":"Huiskes bezorger liet mijn kast buiten staan in de regen, slecht","url":"https://instagram.example/p/1","postedAt":"2026-03-10T07:00:00Z","likes":3},
              {"id":"lt-2","author":{"handle":"tom"},"text":"Mooie lamp gekocht bij Huiskes"}
            ]
            """;

        var (status, body) = await PostAsync("hook", Body);
        var (againStatus, again) = await PostAsync("hook", Body);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal("CaseOpened", body.GetProperty("results")[0].GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Accepted, againStatus);
        Assert.All(again.GetProperty("results").EnumerateArray(), r => Assert.Equal("Duplicate", r.GetProperty("outcome").GetString()));
        Assert.Equal(2, await _db.CountAsync("SELECT COUNT(*) FROM mentions WHERE source = 'hook'"));
        Assert.Equal(1, await _db.CountAsync("SELECT COUNT(*) FROM cases"));
        Assert.Equal("instagram", (await _db.Store.GetCaseAsync(1, CancellationToken.None))!.Mention.Mention.Network);
        Assert.Equal(4, (await _db.Store.GetHealthAsync("hook", CancellationToken.None))!.ItemsToday);
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256=not-hex")]
    [InlineData("")]
    public async Task Post_BadSignature_Returns401AndStoresNothing(string signature)
    {
        var (status, body) = await PostAsync("hook", """{"id":"x","author":{"handle":"a"},"text":"Huiskes"}""", signature);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("X-Webcare-Signature", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await _db.CountAsync("SELECT COUNT(*) FROM mentions"));
    }

    [Fact]
    public async Task Post_SignatureOfAnotherBody_Returns401()
    {
        var (status, _) = await PostAsync("hook", """{"id":"x","author":{"handle":"a"},"text":"Huiskes is slecht"}""", Sign("""{"id":"x","author":{"handle":"a"},"text":"Huiskes"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Post_BodyOverTheSourceLimit_Returns413()
    {
        var body = $$"""{"id":"big","author":{"handle":"a"},"text":"Huiskes {{new string('x', 5000)}}"}""";

        var (status, reply) = await PostAsync("hook", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("4096", reply.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"a","text":"Huiskes"}""", "'author.handle' is missing or empty")]
    [InlineData("""[{"id":"a","author":{"handle":"x"},"text":"ok"},{"author":{"handle":"x"},"text":"Huiskes"}]""", "item 1: 'id' is missing or empty")]
    [InlineData("""{"id":"a","author":{"handle":"x"},"text":"Huiskes","postedAt":"gisteren"}""", "'postedAt' value 'gisteren' is not an ISO 8601 time")]
    [InlineData("""[]""", "the batch is empty")]
    [InlineData("""42""", "the body must be a mention object or an array of them")]
    [InlineData("""{"id":""", "the body is not valid JSON")]
    public async Task Post_InvalidShape_Returns400WithTheReason(string body, string reason)
    {
        var (status, reply) = await PostAsync("hook", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(reason, reply.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownSource_Returns404()
    {
        var (status, _) = await PostAsync("nope", "{}");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Post_TrustpilotReviewWebhook_BecomesAMention()
    {
        const string Body = """
            {
              "events": [
                {
                  "eventName": "service-review-created",
                  "version": "1.0",
                  "eventData": {
                    "id": "65f1c0ffee0000000000abcd",
                    "language": "nl",
                    "stars": 1,
                    "title": "Nooit meer Huiskes",
                    "text": "Bestelling kwam niet, klantenservice hing op.",
                    "referenceId": "order-881",
                    "createdAt": "2026-03-10T07:30:00Z",
                    "link": "https://www.trustpilot.com/reviews/65f1c0ffee0000000000abcd",
                    "consumer": { "id": "5f00000000000000000000aa", "name": "Kees", "link": "https://www.trustpilot.com/users/5f00000000000000000000aa" }
                  }
                },
                { "eventName": "service-review-deleted", "version": "1.0", "eventData": { "id": "old" } }
              ]
            }
            """;

        var (status, body) = await PostAsync("trustpilot", Body);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var stored = (await _db.Store.GetCaseAsync(body.GetProperty("results")[0].GetProperty("caseId").GetInt64(), CancellationToken.None))!.Mention.Mention;
        Assert.Equal("trustpilot", stored.Network);
        Assert.Equal("1/5 stars. Nooit meer Huiskes\nBestelling kwam niet, klantenservice hing op.", stored.Text);
        Assert.Equal("Kees", stored.Author.Name);
    }

    [Fact]
    public async Task Post_TrustpilotWithoutEvents_Returns400()
    {
        var (status, reply) = await PostAsync("trustpilot", """{"id":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'events'", reply.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
