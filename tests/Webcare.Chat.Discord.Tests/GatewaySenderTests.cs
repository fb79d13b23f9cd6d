using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Webcare.Chat.Discord.Gateway;
using Webcare.Chat.Discord.Tests.Fakes;

namespace Webcare.Chat.Discord.Tests;

public sealed class GatewaySenderTests
{
    private static (GatewaySender Sender, MemoryStream Wire) Create(TimeProvider clock)
    {
        var wire = new MemoryStream();
        var socket = WebSocket.CreateFromStream(wire, new WebSocketCreationOptions { IsServer = false });
        return (new GatewaySender(socket, clock), wire);
    }

    [Fact]
    public async Task SendAsync_FrameOver4096Bytes_IsRefusedBeforeTheWire()
    {
        var (sender, wire) = Create(new FakeClock());
        using var _ = sender;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            sender.SendAsync(new JsonObject { ["op"] = 1, ["d"] = new string('x', 4100) }, CancellationToken.None));

        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, wire.Length);
    }

    [Fact]
    public async Task SendAsync_121stFrameInAMinute_WaitsUntilTheWindowMoves()
    {
        var clock = new FakeClock();
        var (sender, _) = Create(clock);
        using var __ = sender;
        for (var i = 0; i < GatewaySender.MaxPerMinute; i++)
        {
            await sender.SendAsync(new JsonObject { ["op"] = 1, ["d"] = i }, CancellationToken.None);
        }

        var extra = sender.SendAsync(new JsonObject { ["op"] = 1, ["d"] = 120 }, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(extra.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(50);
        Assert.False(extra.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await extra.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
