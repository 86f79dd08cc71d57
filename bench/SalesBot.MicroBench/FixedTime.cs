namespace SalesBot.MicroBench;

/// <summary>A clock that stands still, so a timestamp window or a lifetime check gives the same answer on every call.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
