namespace PingActors.Analytics;

/// <summary>How quickly someone usually answers, in words, from their median response time.</summary>
public static class ResponseTimeBuckets
{
    public const string WithinAnHour = "within-an-hour";
    public const string WithinAFewHours = "within-a-few-hours";
    public const string WithinADay = "within-a-day";
    public const string ADayOrMore = "a-day-or-more";

    /// <summary>Under 1 h; under 6 h; under 24 h; else a day or more.</summary>
    public static string Of(int medianMinutes) => medianMinutes switch
    {
        < 60 => WithinAnHour,
        < 6 * 60 => WithinAFewHours,
        < 24 * 60 => WithinADay,
        _ => ADayOrMore,
    };
}
