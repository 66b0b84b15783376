using PingActors.Testing;

namespace PingActors.Api.Tests.Analytics;

/// <summary>Every row of the four aggregate tables, as text, in a fixed order: two snapshots are equal when the figures are.</summary>
public static class AggregateSnapshot
{
    private const string Rows = """
        SELECT 'u ' || username || ' ' || day || ' ' || pings_sent || ' ' || pings_received || ' ' || responded || ' ' || responded_within_day
               || ' ' || declined || ' ' || withdrawn || ' ' || expired || ' ' || response_seconds_sum AS row FROM user_daily_stats
        UNION ALL SELECT 'um ' || username || ' ' || day || ' ' || minutes || ' ' || responses FROM user_daily_response_minutes
        UNION ALL SELECT 'l ' || listing_id || ' ' || pings || ' ' || responded || ' ' || declined || ' ' || withdrawn || ' ' || expired
               || ' ' || response_seconds_sum FROM listing_stats
        UNION ALL SELECT 'lm ' || listing_id || ' ' || minutes || ' ' || responses FROM listing_response_minutes
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
