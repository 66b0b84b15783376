using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PingActors.Platform;

namespace PingActors.Analytics;

/// <summary>
/// The response figures people look at before they ping someone, read from the aggregates only (never from
/// the ping history). A user's figures cover the pings of the last <see cref="WindowDays"/> UTC days, today
/// included; a listing's cover its whole life.
/// </summary>
public sealed class AnalyticsQueries(NpgsqlDataSource database, [FromKeyedServices(DomainClock.Key)] TimeProvider clock)
{
    public const int WindowDays = 30;

    /// <summary>Below this many responses there is no response-time bucket: too few to say.</summary>
    public const int MinResponsesForBucket = 5;

    public async Task<UserStats> GetUserStatsAsync(string username, CancellationToken cancellationToken = default)
    {
        var to = AnalyticsDelta.DayOf(clock.GetUtcNow());
        var from = to.AddDays(1 - WindowDays);
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command("""
            SELECT coalesce(sum(pings_sent), 0), coalesce(sum(pings_received), 0), coalesce(sum(responded), 0),
                   coalesce(sum(responded_within_day), 0), coalesce(sum(declined), 0), coalesce(sum(withdrawn), 0),
                   coalesce(sum(expired), 0)
            FROM user_daily_stats WHERE username = $1 AND day BETWEEN $2 AND $3
            """, username, from, to));
        batch.BatchCommands.Add(Command(Median("user_daily_response_minutes", "username = $1 AND day BETWEEN $2 AND $3"), username, from, to));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (sent, received, responded, inTime, declined, withdrawn, expired) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2),
            reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
        var median = await MedianAsync(reader, cancellationToken);
        return new UserStats(
            username, from, to, sent, received, responded,
            received == 0 ? null : (double)inTime / received,
            median,
            responded >= MinResponsesForBucket && median is { } minutes ? ResponseTimeBuckets.Of(minutes) : null,
            declined, withdrawn, expired);
    }

    /// <summary>A listing's figures; zeros for a listing nobody has pinged.</summary>
    public async Task<ListingStats> GetListingStatsAsync(Guid listingId, CancellationToken cancellationToken = default)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command(
            "SELECT pings, responded, declined, withdrawn, expired FROM listing_stats WHERE listing_id = $1", listingId));
        batch.BatchCommands.Add(Command(Median("listing_response_minutes", "listing_id = $1"), listingId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var (pings, responded, declined, withdrawn, expired) = await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4))
            : (0, 0, 0, 0, 0);
        var median = await MedianAsync(reader, cancellationToken);
        return new ListingStats(listingId, pings, pings - responded - declined - withdrawn - expired, responded, median, declined, withdrawn, expired);
    }

    /// <summary>The lower median of a response-minutes histogram: the least minute at which half the responses had come.</summary>
    private static string Median(string histogram, string where) => $"""
        SELECT minutes FROM (
            SELECT minutes, sum(sum(responses)) OVER (ORDER BY minutes) AS reached, sum(sum(responses)) OVER () AS total
            FROM {histogram} WHERE {where}
            GROUP BY minutes) cumulative
        WHERE reached * 2 >= total
        ORDER BY minutes
        LIMIT 1
        """;

    private static async Task<int?> MedianAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt32(0) : null;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
