using PingActors.Testing;

namespace PingActors.Api.Tests.Analytics;

/// <summary>
/// Every row of the aggregate tables (the insight sums among them), as text, in a fixed order: two snapshots are
/// equal when the figures are. A pending-pings slot whose pings are all settled reads the same as no row.
/// </summary>
public static class AggregateSnapshot
{
    private const string Rows = """
        SELECT 'u ' || username || ' ' || day || ' ' || pings_sent || ' ' || pings_received || ' ' || responded || ' ' || responded_within_day
               || ' ' || declined || ' ' || withdrawn || ' ' || expired || ' ' || response_seconds_sum AS row FROM user_daily_stats
        UNION ALL SELECT 'um ' || username || ' ' || day || ' ' || minutes || ' ' || responses FROM user_daily_response_minutes
        UNION ALL SELECT 'l ' || listing_id || ' ' || pings || ' ' || responded || ' ' || declined || ' ' || withdrawn || ' ' || expired
               || ' ' || response_seconds_sum FROM listing_stats
        UNION ALL SELECT 'lm ' || listing_id || ' ' || minutes || ' ' || responses FROM listing_response_minutes
        UNION ALL SELECT 'oi ' || username || ' ' || received || ' ' || responded || ' ' || declined || ' ' || withdrawn || ' ' || expired
               || ' ' || log_time_sum || ' ' || log_time_sq_sum FROM owner_insights
        UNION ALL SELECT 'oh ' || username || ' ' || hour_of_week || ' ' || actions FROM owner_activity_hours
        UNION ALL SELECT 'rb ' || segment || ' ' || bin || ' ' || responses || ' ' || censored FROM response_time_bins
        UNION ALL SELECT 'ip ' || slot || ' ' || pending FROM insight_pending WHERE pending <> 0
        ORDER BY row
        """;

    public static async Task<List<string>> TakeAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(Rows, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        Assert.NotEmpty(rows);
        return rows;
    }
}
