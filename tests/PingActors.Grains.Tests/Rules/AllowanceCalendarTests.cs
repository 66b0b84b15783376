using Microsoft.Extensions.Options;
using PingActors.Pings;
using PingActors.Users;

namespace PingActors.Grains.Tests.Rules;

public sealed class AllowanceCalendarTests
{
    [Fact]
    public void Utc_DayEndsAtMidnightUtc()
    {
        var calendar = Calendar("UTC");
        var day = calendar.DayOf(new DateTimeOffset(2026, 11, 28, 23, 59, 59, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 11, 28), day);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), calendar.ResetAfter(day));
    }

    [Fact]
    public void OtherTimeZone_DayFollowsItsLocalMidnight()
    {
        var calendar = Calendar("Europe/Berlin");
        var lateEveningUtc = new DateTimeOffset(2026, 11, 28, 23, 30, 0, TimeSpan.Zero); // already the 29th in Berlin

        Assert.Equal(new DateOnly(2026, 11, 29), calendar.DayOf(lateEveningUtc));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.Zero), calendar.ResetAfter(new DateOnly(2026, 11, 29)));
    }

    [Fact]
    public void DaylightSavingDay_EndsAtTheRightInstant()
    {
        var calendar = Calendar("Europe/Berlin");

        // 29 March 2026 has 23 hours in Berlin; the next midnight is at +02:00.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), calendar.ResetAfter(new DateOnly(2026, 3, 29)));
    }

    private static AllowanceCalendar Calendar(string zone) => new(Options.Create(new PingOptions { ResetTimeZone = zone }));
}
