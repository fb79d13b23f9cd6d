namespace Webcare.Bot.Tests.Scheduling;

public sealed class DigestSchedulerTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task StartAsync_SlotMissedDuringDowntime_SendsOnceAndNotAgainAfterRestart()
    {
        // Installed before Monday 16 Nov 09:00; down from then until Wednesday 25 Nov, over Monday 23 Nov 09:00 (08:00Z).
        await using var fixture = new SchedulingFixture(Utc(2026, 11, 16, 7));
        await fixture.AddMentionsAsync(Utc(2026, 11, 18, 10), 3, "storing", negative: true);
        await fixture.Clock.AdvanceToAsync(Utc(2026, 11, 25, 10));

        var first = fixture.NewDigestScheduler();
        await first.StartAsync(CancellationToken.None);
        await fixture.Clock.WaitForTimerAsync();
        await first.StopAsync(CancellationToken.None);

        var sent = Assert.Single(fixture.Chat.Replies);
        Assert.Equal("console:webcare-leads", sent.Channel.ToString());
        Assert.StartsWith("Weekly digest — Test team — 2026-W47", sent.Reply.Text, StringComparison.Ordinal);
        Assert.Contains("Mentions 3", sent.Reply.Text, StringComparison.Ordinal);
        Assert.Equal(["digest-2026-W47.png", "digest-2026-W47.html"], sent.Reply.FilesOrEmpty.Select(f => f.FileName).ToArray());
        Assert.True(File.Exists(Path.Combine(fixture.DigestFolder, "digest-2026-W47.html")));

        var restarted = fixture.NewDigestScheduler();
        await restarted.StartAsync(CancellationToken.None);
        await fixture.Clock.WaitForTimerAsync();
        Assert.Single(fixture.Chat.Replies);

        await fixture.Clock.AdvanceToAsync(Utc(2026, 11, 30, 8));
        await restarted.StopAsync(CancellationToken.None);
        Assert.Equal(2, fixture.Chat.Replies.Count);
        var next = fixture.Chat.Replies.Last();
        Assert.Contains("2026-W48", next.Reply.Text, StringComparison.Ordinal);
        Assert.Equal(Utc(2026, 11, 30, 8), next.At);
    }

    [Fact]
    public async Task StartAsync_FreshInstallAfterTheSlot_SendsNothing()
    {
        await using var fixture = new SchedulingFixture(Utc(2026, 11, 25, 10));
        var scheduler = fixture.NewDigestScheduler();

        await scheduler.StartAsync(CancellationToken.None);
        await fixture.Clock.WaitForTimerAsync();
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Empty(fixture.Chat.Replies);
    }

    [Fact]
    public async Task Schedule_AcrossSpringForward_SendsAtNineLocalBothWeeks()
    {
        await using var fixture = new SchedulingFixture(Utc(2026, 3, 22, 12, 17)); // odd minutes: the send must still land exactly on the slot
        var scheduler = fixture.NewDigestScheduler();
        await scheduler.StartAsync(CancellationToken.None);
        await fixture.Clock.WaitForTimerAsync();

        await fixture.Clock.AdvanceToAsync(Utc(2026, 3, 23, 7, 59));
        Assert.Empty(fixture.Chat.Replies);
        await fixture.Clock.AdvanceToAsync(Utc(2026, 3, 23, 8)); // 09:00 CET
        await fixture.Clock.AdvanceToAsync(Utc(2026, 3, 30, 6, 59));
        Assert.Single(fixture.Chat.Replies);
        await fixture.Clock.AdvanceToAsync(Utc(2026, 3, 30, 7)); // 09:00 CEST
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal([Utc(2026, 3, 23, 8), Utc(2026, 3, 30, 7)], fixture.Chat.Replies.Select(r => r.At).ToArray());
        Assert.Equal(["2026-W12", "2026-W13"], fixture.Chat.Replies.Select(r => r.Reply.Text.Split(" — ")[2][..8]).ToArray());
    }

    [Fact]
    public async Task Schedule_AcrossFallBack_SendsAtNineLocalBothWeeks()
    {
        await using var fixture = new SchedulingFixture(Utc(2026, 10, 18, 12, 17));
        var scheduler = fixture.NewDigestScheduler();
        await scheduler.StartAsync(CancellationToken.None);
        await fixture.Clock.WaitForTimerAsync();

        await fixture.Clock.AdvanceToAsync(Utc(2026, 10, 19, 7)); // 09:00 CEST
        await fixture.Clock.AdvanceToAsync(Utc(2026, 10, 26, 7, 59)); // 08:59 CET: not yet
        Assert.Single(fixture.Chat.Replies);
        await fixture.Clock.AdvanceToAsync(Utc(2026, 10, 26, 8)); // 09:00 CET
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal([Utc(2026, 10, 19, 7), Utc(2026, 10, 26, 8)], fixture.Chat.Replies.Select(r => r.At).ToArray());
    }

    [Fact]
    public async Task Schedule_PlatformFailsOnce_RetriesAndSendsOnce()
    {
        await using var fixture = new SchedulingFixture(Utc(2026, 11, 22, 12));
        fixture.Chat.FailNext = 1;
        var scheduler = fixture.NewDigestScheduler();
        await scheduler.StartAsync(CancellationToken.None);
        await fixture.Clock.WaitForTimerAsync();

        await fixture.Clock.AdvanceToAsync(Utc(2026, 11, 23, 8));
        Assert.Empty(fixture.Chat.Replies);
        await fixture.Clock.AdvanceToAsync(Utc(2026, 11, 23, 9));
        await scheduler.StopAsync(CancellationToken.None);

        var sent = Assert.Single(fixture.Chat.Replies);
        Assert.Equal(Utc(2026, 11, 23, 8, 5), sent.At);
    }
}
