using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Webcare.Core.Triage.Llm;

/// <summary>
/// Drafts replies through an OpenAI-compatible <c>POST {Endpoint}/chat/completions</c> (OpenAI, Ollama, vLLM, …).
/// Bounded by <see cref="LlmOptions.Timeout"/>; any failure returns null so the template reply stands.
/// </summary>
public sealed partial class OpenAiChatReplyDrafter(
    HttpClient http,
    LlmOptions options,
    string? apiKey,
    TimeProvider clock,
    ILogger<OpenAiChatReplyDrafter> logger) : IReplyDrafter
{
    public async ValueTask<string?> DraftAsync(ReplyDraftRequest request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, options.Endpoint.TrimEnd('/') + "/chat/completions")
            {
                Content = new StringContent(BuildBody(request), Encoding.UTF8, "application/json"),
            };
            if (!string.IsNullOrEmpty(apiKey))
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }

            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogFailed(logger, (int)response.StatusCode);
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: linked.Token);
            if (document.RootElement.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array
                && choices.GetArrayLength() > 0
                && choices[0].TryGetProperty("message", out var msg)
                && msg.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
            {
                return content.GetString()?.Trim();
            }

            LogFailed(logger, (int)response.StatusCode);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(logger, options.Timeout);
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or IOException)
        {
            LogError(logger, ex.GetType().Name);
            return null;
        }
    }

    internal string BuildBody(ReplyDraftRequest request)
    {
        var promises = request.AllowedPromises.Count == 0 ? "nothing (no refunds, compensation, call-backs or replacements)" : string.Join(", ", request.AllowedPromises);
        var system = $"""
            You draft a short public reply for a brand's webcare team. Write in language '{request.Language}' with a {request.Tone} tone
            (Dutch formal uses 'u', informal uses 'je'). At most 2 sentences plus the sign-off "{request.SignOff}".
            You may promise only: {promises}. Never state facts about the customer's account or order. Never invent policies.
            Reply with the text only.
            """;
        var user = $"""
            Mention: {request.Text}
            Intent: {request.Intent}; origin: {request.Origin}; root causes: {string.Join(", ", request.RootCauses)}; author: {request.AuthorName ?? "unknown"}.
            Template reply to improve: {request.TemplateReply}
            """;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", options.Model);
            json.WriteNumber("temperature", 0);
            json.WriteBoolean("stream", false);
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("role", "system");
            json.WriteString("content", system);
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("role", "user");
            json.WriteString("content", user);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM reply draft failed with HTTP {StatusCode}; using the template reply")]
    private static partial void LogFailed(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM reply draft timed out after {Timeout}; using the template reply")]
    private static partial void LogTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM reply draft failed ({ErrorType}); using the template reply")]
    private static partial void LogError(ILogger logger, string errorType);
}
