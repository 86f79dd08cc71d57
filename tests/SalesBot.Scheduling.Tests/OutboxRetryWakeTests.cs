namespace SalesBot.Scheduling.Tests;

/// <summary>When the outbox job comes back for messages it put back for a moment (a 429, a rate-limit wait).</summary>
public sealed class OutboxRetryWakeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
    private static readonly SchedulingOptions Options = new() { OutboxSweepSeconds = 10 };

    [Fact]
    public void A_retry_due_before_the_next_sweep_wakes_the_job_when_it_is_due() =>
        Assert.Equal(TimeSpan.FromSeconds(1), OutboxDispatchJob.RetryDelay(Now.AddSeconds(1), Now, Options));

    [Fact]
    public void A_retry_due_now_or_already_past_wakes_the_job_almost_at_once_without_spinning() =>
        Assert.Equal(TimeSpan.FromMilliseconds(100), OutboxDispatchJob.RetryDelay(Now.AddSeconds(-3), Now, Options));

    [Fact]
    public void A_retry_no_sooner_than_the_next_sweep_is_left_to_the_sweep() =>
        Assert.Null(OutboxDispatchJob.RetryDelay(Now.AddSeconds(10), Now, Options));

    [Fact]
    public void A_run_woken_for_the_first_retry_still_wakes_for_the_ones_an_earlier_run_put_back()
    {
        var start = NodaTime.Instant.FromDateTimeOffset(Now);
        var wakes = new OutboxWakeTimes();
        wakes.Add([start + NodaTime.Duration.FromSeconds(1), start + NodaTime.Duration.FromSeconds(3), start + NodaTime.Duration.FromSeconds(2)]);
        Assert.Equal(start + NodaTime.Duration.FromSeconds(1), wakes.NextAfter(start));

        // The run woken at +1 s claimed what was due then and put nothing back itself.
        wakes.Add([]);
        Assert.Equal(start + NodaTime.Duration.FromSeconds(2), wakes.NextAfter(start + NodaTime.Duration.FromSeconds(1)));
        Assert.Null(wakes.NextAfter(start + NodaTime.Duration.FromSeconds(3)));
    }
}

/// <summary>When the schedule job runs next: on the minute something is due, never a second late.</summary>
public sealed class ScheduleRunDelayTests
{
    private static readonly NodaTime.Instant Now = NodaTime.Instant.FromUtc(2026, 11, 23, 13, 59, 30);
    private static readonly TimeSpan Sweep = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_next_run_is_set_just_past_the_moment_the_next_prompt_is_due_so_an_early_fire_still_finds_it_due() =>
        Assert.Equal(TimeSpan.FromSeconds(30) + TimeSpan.FromMilliseconds(20), ScheduleJob.NextRunDelay(Now + NodaTime.Duration.FromSeconds(30), Now, Sweep));

    [Fact]
    public void A_run_that_fired_a_moment_early_comes_back_within_a_tenth_of_a_second_not_a_whole_one() =>
        Assert.Equal(TimeSpan.FromMilliseconds(100), ScheduleJob.NextRunDelay(Now + NodaTime.Duration.FromMilliseconds(2), Now, Sweep));

    [Fact]
    public void With_nothing_due_soon_the_next_run_is_the_sweep()
    {
        Assert.Equal(Sweep, ScheduleJob.NextRunDelay(null, Now, Sweep));
        Assert.Equal(Sweep, ScheduleJob.NextRunDelay(Now + NodaTime.Duration.FromHours(3), Now, Sweep));
    }
}
