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
}
