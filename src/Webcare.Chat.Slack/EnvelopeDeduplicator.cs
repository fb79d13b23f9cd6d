namespace Webcare.Chat.Slack;

/// <summary>
/// Remembers the most recent envelope and event ids (a bounded LRU): Slack delivers at least once and
/// retries unacknowledged envelopes, so a retry is acknowledged again but processed only once.
/// Memory is enough because retries come within minutes (immediately, +1 min, +5 min).
/// </summary>
public sealed class EnvelopeDeduplicator(int capacity = 4096)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<string> _order = new();
    private readonly Dictionary<string, LinkedListNode<string>> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time a key is seen; false for a repeat.</summary>
    public bool TryAdd(string key)
    {
        lock (_lock)
        {
            if (_seen.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return false;
            }

            _seen[key] = _order.AddFirst(key);
            if (_seen.Count > capacity)
            {
                _seen.Remove(_order.Last!.Value);
                _order.RemoveLast();
            }

            return true;
        }
    }

    /// <summary>Forgets a key whose processing never started (its acknowledgement failed), so the redelivery is processed.</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            if (_seen.Remove(key, out var node))
            {
                _order.Remove(node);
            }
        }
    }
}
