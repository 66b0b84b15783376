namespace PingActors.Hosting;

/// <summary>
/// The clock of a silo's membership components, Orleans' watchdog among them: real time, with timestamps that
/// count from the clock's creation as the silo starts, not from the machine's boot. The watchdog starts its stall
/// check on one thread and only then records, on the starting thread, when its component check began; when the
/// stall check runs first it reads that timestamp while it is still 0 and warns that the component check "has not
/// completed" for as long as the machine has been up. With timestamps that start near 0 when the silo does, an
/// unset timestamp reads as the silo's start, so only a real stall is reported.
/// </summary>
internal sealed class MembershipClock : TimeProvider
{
    private readonly long _origin = System.GetTimestamp();

    public override long TimestampFrequency => System.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public override long GetTimestamp() => System.GetTimestamp() - _origin;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);
}
