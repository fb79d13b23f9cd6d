namespace Webcare.Sources.Engine;

/// <summary>A newest-first cursor: per query the newest time delivered and the ids delivered at exactly that time.</summary>
public sealed class WatermarkState
{
    public Dictionary<string, Watermark> Marks { get; set; } = new(StringComparer.Ordinal);
}

public sealed class Watermark
{
    public DateTimeOffset? At { get; set; }

    public List<string> Ids { get; set; } = [];

    public void Advance(DateTimeOffset at, string id)
    {
        if (At is null || at > At)
        {
            At = at;
            Ids = [id];
        }
        else if (at == At && !Ids.Contains(id))
        {
            Ids.Add(id);
        }
    }
}

/// <summary>
/// One walk over newest-first pages back to the saved watermark. Pages shift while they are walked,
/// so an item can show up twice; <see cref="Admit"/> lets each new item through once.
/// </summary>
public sealed class NewestFirstWalk(Watermark mark)
{
    private readonly HashSet<string> _delivered = new(StringComparer.Ordinal);

    /// <summary>The watermark to save once everything admitted is stored.</summary>
    public Watermark Next { get; } = new() { At = mark.At, Ids = [.. mark.Ids] };

    /// <summary>True once an item at or behind the saved watermark was seen: older pages hold nothing new.</summary>
    public bool ReachedMark { get; private set; }

    /// <summary>True for an item newer than the saved watermark that this walk has not admitted yet.</summary>
    public bool Admit(DateTimeOffset at, string id)
    {
        if (mark.At is { } seenAt && (at < seenAt || (at == seenAt && mark.Ids.Contains(id))))
        {
            ReachedMark = true;
            return false;
        }

        if (!_delivered.Add(id))
        {
            return false;
        }

        Next.Advance(at, id);
        return true;
    }
}
