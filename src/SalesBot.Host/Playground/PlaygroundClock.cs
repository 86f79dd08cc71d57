using NodaTime;

namespace SalesBot.Host.Playground;

/// <summary>
/// The app's clock in the Development playground: real time (or a test's clock) plus an offset that
/// only moves forward, so a person can watch the prompts, reminders and a monthly reflection arrive
/// without waiting for them. Never registered outside Development.
/// </summary>
public sealed class PlaygroundClock(IClock baseClock) : IClock
{
    private long _offsetTicks;

    public Duration Offset => Duration.FromTicks(Interlocked.Read(ref _offsetTicks));

    public Instant GetCurrentInstant() => baseClock.GetCurrentInstant() + Offset;

    /// <summary>Moves the clock forward; moving back is refused, as leases, claims and sent prompts assume time goes on.</summary>
    public void Advance(Duration by)
    {
        if (by < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "The playground clock only moves forward.");
        }

        Interlocked.Add(ref _offsetTicks, by.BclCompatibleTicks);
    }
}
