using Microsoft.Extensions.Options;
using PingActors.Pings;

namespace PingActors.Users;

/// <summary>Allowance days: they start at midnight in the configured reset time zone.</summary>
public sealed class AllowanceCalendar(IOptions<PingOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.ResetTimeZone);

    /// <summary>The allowance day <paramref name="instant"/> falls on.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    /// <summary>The instant allowance day <paramref name="day"/> ends and the next one starts.</summary>
    public DateTimeOffset ResetAfter(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        // Where a clock change skips midnight, the day starts at the first local time that exists.
        while (_zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(1);
        }

        return new DateTimeOffset(midnight, _zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
