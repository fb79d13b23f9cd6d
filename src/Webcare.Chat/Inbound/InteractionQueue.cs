using System.Threading.Channels;

namespace Webcare.Chat.Inbound;

/// <summary>One unit of inbound chat work (a click, a command, a modal submit), run in its own DI scope.</summary>
public delegate Task InteractionWork(IServiceProvider services, CancellationToken cancellationToken);

/// <summary>
/// The hand-off between a platform's receive loop and the work. Adapters acknowledge the
/// platform first, then queue; the queue is bounded so a flood cannot exhaust memory.
/// </summary>
public sealed class InteractionQueue
{
    public const int Capacity = 1024;

    private readonly Channel<(string Description, InteractionWork Work)> _channel =
        Channel.CreateBounded<(string, InteractionWork)>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
        });

    /// <summary>Queues work without blocking; false when the queue is full (the adapter then tells the user to retry).</summary>
    public bool TryEnqueue(string description, InteractionWork work) => _channel.Writer.TryWrite((description, work));

    internal ChannelReader<(string Description, InteractionWork Work)> Reader => _channel.Reader;
}
