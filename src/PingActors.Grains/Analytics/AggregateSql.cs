using Npgsql;

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

    /// <summary>
    /// Adds <paramref name="delta"/> to the aggregates, each table's rows in key order: writers that share rows
    /// then lock them in the same order, so they wait for each other instead of deadlocking.
    /// </summary>
    public static void AddDelta(NpgsqlBatch batch, AnalyticsDelta delta)
    {
        if (delta.Users.Count > 0)
        {
            var users = delta.Users.OrderBy(u => u.Key.User, StringComparer.Ordinal).ThenBy(u => u.Key.Day).ToList();
            batch.BatchCommands.Add(Command(
                With(AddUserDays,
                    "SELECT * FROM unnest($1::text[], $2::date[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::bigint[])"),
                Array(users, u => u.Key.User), Array(users, u => u.Key.Day), Array(users, u => u.Value.Sent), Array(users, u => u.Value.Received),
                Array(users, u => u.Value.Responded), Array(users, u => u.Value.RespondedInTime), Array(users, u => u.Value.Declined),
                Array(users, u => u.Value.Withdrawn), Array(users, u => u.Value.Expired), Array(users, u => u.Value.ResponseSeconds)));
        }

        if (delta.UserResponseMinutes.Count > 0)
        {
            var minutes = delta.UserResponseMinutes.OrderBy(m => m.Key.User, StringComparer.Ordinal).ThenBy(m => m.Key.Day).ThenBy(m => m.Key.Minutes).ToList();
            batch.BatchCommands.Add(Command(
                With(AddUserResponseMinutes, "SELECT * FROM unnest($1::text[], $2::date[], $3::int[], $4::int[])"),
                Array(minutes, m => m.Key.User), Array(minutes, m => m.Key.Day), Array(minutes, m => m.Key.Minutes), Array(minutes, m => m.Value)));
        }

        if (delta.Listings.Count > 0)
        {
            var listings = delta.Listings.OrderBy(l => l.Key).ToList();
            batch.BatchCommands.Add(Command(
                With(AddListings, "SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::bigint[])"),
                Array(listings, l => l.Key), Array(listings, l => l.Value.Pings), Array(listings, l => l.Value.Responded),
                Array(listings, l => l.Value.Declined), Array(listings, l => l.Value.Withdrawn), Array(listings, l => l.Value.Expired),
                Array(listings, l => l.Value.ResponseSeconds)));
        }

        if (delta.ListingResponseMinutes.Count > 0)
        {
            var minutes = delta.ListingResponseMinutes.OrderBy(m => m.Key.Listing).ThenBy(m => m.Key.Minutes).ToList();
            batch.BatchCommands.Add(Command(
                With(AddListingResponseMinutes, "SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[])"),
                Array(minutes, m => m.Key.Listing), Array(minutes, m => m.Key.Minutes), Array(minutes, m => m.Value)));
        }

        InsightSql.Add(batch, delta.Insights);
    }

    /// <summary>A command of a batch, with positional parameters.</summary>
    public static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>One column of <paramref name="rows"/>, as an array parameter for <c>unnest</c>.</summary>
    public static NpgsqlParameter<T[]> Array<TRow, T>(List<TRow> rows, Func<TRow, T> column) =>
        new() { TypedValue = [.. rows.Select(column)] };
}
