using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Webcare.Core.Mentions;
using Webcare.Core.Triage;
using Webcare.Core.Triage.Llm;

namespace Webcare.Core.Tests.Triage;

/// <summary>The OpenAI-compatible drafter against a loopback Kestrel fake that speaks chat-completions.</summary>
public sealed class LlmReplyDrafterTests(TriageFixture fixture) : IClassFixture<TriageFixture>
{
    private const string Complaint = "On hold for 2 hours and still no answer.";

    [Fact]
    public async Task TriageAsync_LlmAnswers_UsesTheDraftAndSendsAWellFormedRequest()
    {
        await using var fake = await FakeLlm.StartAsync(_ => (200, Completion("Hi Jan, sorry for the wait. Please DM us your number. ^Sanne")));
        var engine = Engine(fake, TimeSpan.FromSeconds(5));

        var result = await engine.TriageAsync(new TriageInput(Complaint, "en", new Author("jan", "Jan", 10)), CancellationToken.None);

        Assert.Equal("Hi Jan, sorry for the wait. Please DM us your number. ^Sanne", result.SuggestedReply);
        var request = Assert.Single(fake.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer test-key", request.Authorization);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("llama-test", body.RootElement.GetProperty("model").GetString());
        var messages = body.RootElement.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Contains("You may promise only: nothing", messages[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains(Complaint, messages[1].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriageAsync_LlmTooSlow_FallsBackToTheTemplate()
    {
        await using var fake = await FakeLlm.StartAsync(_ => (200, Completion("too late")), delay: TimeSpan.FromSeconds(30));
        var engine = Engine(fake, TimeSpan.FromMilliseconds(300));
        var template = fixture.Engine.Triage(new TriageInput(Complaint, "en")).SuggestedReply;

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await engine.TriageAsync(new TriageInput(Complaint, "en"), CancellationToken.None);

        Assert.Equal(template, result.SuggestedReply);
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(500, "{\"error\":\"boom\"}")]
    [InlineData(200, "{\"choices\":[]}")]
    [InlineData(200, "not json")]
    public async Task TriageAsync_LlmFails_FallsBackToTheTemplate(int status, string body)
    {
        await using var fake = await FakeLlm.StartAsync(_ => (status, body));
        var engine = Engine(fake, TimeSpan.FromSeconds(5));
        var template = fixture.Engine.Triage(new TriageInput(Complaint, "en")).SuggestedReply;

        var result = await engine.TriageAsync(new TriageInput(Complaint, "en"), CancellationToken.None);

        Assert.Equal(template, result.SuggestedReply);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task TriageAsync_LlmPromisesARefundThatIsNotAllowed_FallsBackToTheTemplate()
    {
        await using var fake = await FakeLlm.StartAsync(_ => (200, Completion("Sorry! We will refund you in full today.")));
        var engine = Engine(fake, TimeSpan.FromSeconds(5));
        var template = fixture.Engine.Triage(new TriageInput(Complaint, "en")).SuggestedReply;

        var result = await engine.TriageAsync(new TriageInput(Complaint, "en"), CancellationToken.None);

        Assert.Equal(template, result.SuggestedReply);
    }

    [Fact]
    public async Task TriageAsync_PraiseIsNotSentToTheLlm()
    {
        await using var fake = await FakeLlm.StartAsync(_ => (200, Completion("x")));
        var engine = Engine(fake, TimeSpan.FromSeconds(5));

        await engine.TriageAsync(new TriageInput("Thanks, great help today!", "en"), CancellationToken.None);

        Assert.Empty(fake.Requests);
    }

    private TriageEngine Engine(FakeLlm fake, TimeSpan timeout)
    {
        var llm = new LlmOptions { Enabled = true, Endpoint = fake.BaseUrl + "/v1", Model = "llama-test", Timeout = timeout };
        var drafter = new OpenAiChatReplyDrafter(fake.Client, llm, "test-key", TimeProvider.System, NullLogger<OpenAiChatReplyDrafter>.Instance);
        return new TriageEngine(fixture.Knowledge, new TriageOptions { Llm = llm }, TriageFixture.RootCauses, drafter);
    }

    private static string Completion(string content) =>
        JsonSerializer.Serialize(new { id = "x", choices = new[] { new { index = 0, message = new { role = "assistant", content } } } });

    private sealed record Received(string Path, string? Authorization, string Body);

    private sealed class FakeLlm : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly List<Received> _requests = [];

        private FakeLlm(WebApplication app, string baseUrl)
        {
            _app = app;
            BaseUrl = baseUrl;
        }

        public string BaseUrl { get; }

        public HttpClient Client { get; } = new() { Timeout = Timeout.InfiniteTimeSpan };

        public IReadOnlyList<Received> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public static async Task<FakeLlm> StartAsync(Func<string, (int Status, string Body)> respond, TimeSpan? delay = null)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            FakeLlm? self = null;
            app.MapPost("/v1/chat/completions", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync(context.RequestAborted);
                lock (self!._requests)
                {
                    self._requests.Add(new Received(context.Request.Path, context.Request.Headers.Authorization.ToString(), body));
                }

                if (delay is { } d)
                {
                    try
                    {
                        await Task.Delay(d, context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                var (status, text) = respond(body);
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(text, context.RequestAborted);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            self = new FakeLlm(app, address.TrimEnd('/'));
            return self;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
