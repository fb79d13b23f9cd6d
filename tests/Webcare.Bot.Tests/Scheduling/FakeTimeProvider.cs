namespace Webcare.Bot.Tests.Scheduling;

/// <summary>
/// A clock the test moves by hand (the NuGet copy lacks Microsoft.Extensions.TimeProvider.Testing). Timers fire
/// only from <see cref="AdvanceToAsync"/>, one at a time, each at its own due time, and the test waits until the
/// code under test has armed its next timer, so every step is deterministic.
/// </summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly SemaphoreSlim _armed = new(0);
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Waits until the code under test arms a timer (it finished a round and went to sleep).</summary>
    public async Task WaitForTimerAsync()
    {
        if (!await _armed.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("The code under test never armed a timer.");
        }
    }

    /// <summary>Moves the clock to <paramref name="target"/>, firing each due timer at its due time and waiting for the next one to be armed.</summary>
    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        while (true)
        {
            FakeTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= target).OrderBy(t => t.Due).FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.Due > _now ? next.Due : _now;
                _timers.Remove(next);
            }

            next.Fire();
            await WaitForTimerAsync();
        }
    }

    private void Arm(FakeTimer timer, DateTimeOffset? due)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (due is { } at)
            {
                timer.Due = at;
                _timers.Add(timer);
            }
        }

        if (due is not null)
        {
            _armed.Release();
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Arm(this, dueTime == Timeout.InfiniteTimeSpan ? null : owner.GetUtcNow() + dueTime);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Arm(this, null);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
