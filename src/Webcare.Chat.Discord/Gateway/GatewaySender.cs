using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Webcare.Chat.Discord.Gateway;

/// <summary>
/// The one way frames leave a gateway socket: one send at a time (ClientWebSocket allows no more),
/// at most 4096 bytes each, at most 120 per 60 seconds (Discord disconnects beyond that).
/// </summary>
internal sealed class GatewaySender(WebSocket socket, TimeProvider clock) : IDisposable
{
    public const int MaxFrameBytes = 4096;
    public const int MaxPerMinute = 120;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<DateTimeOffset> _sent = new();

    public async Task SendAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        if (bytes.Length > MaxFrameBytes)
        {
            throw new InvalidOperationException($"A gateway frame of {bytes.Length} bytes exceeds Discord's {MaxFrameBytes}-byte limit (close 4002).");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = clock.GetUtcNow();
                while (_sent.Count > 0 && now - _sent.Peek() >= TimeSpan.FromMinutes(1))
                {
                    _sent.Dequeue();
                }

                if (_sent.Count < MaxPerMinute)
                {
                    break;
                }

                await Task.Delay(_sent.Peek() + TimeSpan.FromMinutes(1) - now, clock, cancellationToken);
            }

            _sent.Enqueue(clock.GetUtcNow());
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a close frame through the same gate, so it never overlaps a send.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, status == WebSocketCloseStatus.NormalClosure ? "shutdown" : "reconnect", cancellationToken);
            }
        }
        catch (WebSocketException)
        {
            // Already gone.
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
