using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace PingActors.Api.Tests.Operations;

/// <summary>
/// Orleans' watchdog can read the timestamp of its first component check before it is set (0), and warned that the
/// check "has not completed" for as long as the machine had been up. The silo's membership clock counts from the
/// silo's start, so that timestamp reads as no older than this process.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WatchdogClockTests(ApiFixture fixture)
{
    [Fact]
    public void MembershipClock_AnUnsetTimestamp_ReadsAsNoOlderThanThisProcess()
    {
        var clock = fixture.Services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership);
        using var process = Process.GetCurrentProcess();

        var unset = clock.GetElapsedTime(0);

        Assert.InRange(unset, TimeSpan.Zero, DateTime.Now - process.StartTime);
    }

    [Fact]
    public void MembershipClock_MeasuresRealTime()
    {
        var clock = fixture.Services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership);
        var wall = Stopwatch.StartNew();
        var start = clock.GetTimestamp();

        var later = clock.GetTimestamp();
        var around = wall.Elapsed;

        Assert.InRange(clock.GetElapsedTime(start, later), TimeSpan.Zero, around);
        Assert.Equal(Stopwatch.Frequency, clock.TimestampFrequency);
        Assert.InRange(clock.GetUtcNow(), DateTimeOffset.UtcNow - TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow);
    }
}
