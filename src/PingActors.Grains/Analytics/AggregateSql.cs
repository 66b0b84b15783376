namespace PingActors.Analytics;

/// <summary>
/// How rows are added into the aggregate tables. The workers add the deltas of a batch of events; the rebuild
/// adds the figures of a chunk of pings. Both add, so neither cares whether the row is there yet.
/// </summary>
internal static class AggregateSql
{
    public const string AddUserDays = """
        INSERT INTO user_daily_stats AS s (username, day, pings_sent, pings_received, responded, responded_within_day,
                                           declined, withdrawn, expired, response_seconds_sum)
        {0}
        ON CONFLICT (username, day) DO UPDATE SET
            pings_sent = s.pings_sent + excluded.pings_sent,
            pings_received = s.pings_received + excluded.pings_received,
            responded = s.responded + excluded.responded,
            responded_within_day = s.responded_within_day + excluded.responded_within_day,
            declined = s.declined + excluded.declined,
            withdrawn = s.withdrawn + excluded.withdrawn,
            expired = s.expired + excluded.expired,
            response_seconds_sum = s.response_seconds_sum + excluded.response_seconds_sum
        """;

    public const string AddUserResponseMinutes = """
        INSERT INTO user_daily_response_minutes AS h (username, day, minutes, responses)
        {0}
        ON CONFLICT (username, day, minutes) DO UPDATE SET responses = h.responses + excluded.responses
        """;

    public const string AddListings = """
        INSERT INTO listing_stats AS s (listing_id, pings, responded, declined, withdrawn, expired, response_seconds_sum)
        {0}
        ON CONFLICT (listing_id) DO UPDATE SET
            pings = s.pings + excluded.pings,
            responded = s.responded + excluded.responded,
            declined = s.declined + excluded.declined,
            withdrawn = s.withdrawn + excluded.withdrawn,
            expired = s.expired + excluded.expired,
            response_seconds_sum = s.response_seconds_sum + excluded.response_seconds_sum
        """;

    public const string AddListingResponseMinutes = """
        INSERT INTO listing_response_minutes AS h (listing_id, minutes, responses)
        {0}
        ON CONFLICT (listing_id, minutes) DO UPDATE SET responses = h.responses + excluded.responses
        """;

    /// <summary>Fills <paramref name="template"/>'s row source.</summary>
    public static string With(string template, string rows) => template.Replace("{0}", rows, StringComparison.Ordinal);
}
