using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Webcare.Core.Chat;

namespace Webcare.Chat.Discord.Rest;

/// <summary>
/// One REST call. <see cref="Route"/> is the template (for the rate-limit bucket) and <see cref="MajorParameter"/>
/// the top-level resource; requests with the same major parameter run one at a time, in order.
/// </summary>
internal sealed record DiscordRequest(
    HttpMethod Method,
    string Route,
    string MajorParameter,
    string Path,
    JsonNode? Body = null,
    IReadOnlyList<ReplyFile>? Files = null,
    bool InteractionEndpoint = false)
{
    /// <summary>A fresh body each attempt: HttpContent cannot be sent twice.</summary>
    public HttpContent? CreateContent()
    {
        if (Body is null)
        {
            return null;
        }

        var json = new StringContent(Body.ToJsonString(), Encoding.UTF8, "application/json");
        if (Files is not { Count: > 0 })
        {
            return json;
        }

        var multipart = new MultipartFormDataContent();
        json.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"payload_json\"" };
        multipart.Add(json);
        for (var i = 0; i < Files.Count; i++)
        {
            var file = Files[i];
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
            var name = string.Create(CultureInfo.InvariantCulture, $"files[{i}]");
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = "\"" + name + "\"",
                FileName = "\"" + Rendering.DiscordMessages.SafeFileName(file.FileName, i) + "\"",
            };
            multipart.Add(part);
        }

        return multipart;
    }
}
