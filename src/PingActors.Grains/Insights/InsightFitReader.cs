using Npgsql;

namespace PingActors.Insights;

/// <summary>Reads what a fit needs from the insight sums (aggregates only: one row per owner, bin, pending slot and hour).</summary>
internal static class InsightFitReader
{
    /// <param name="settledSince">The first day whose pings are too recent to count towards answer probabilities.</param>
    public static async Task<InsightFitInput> ReadAsync(NpgsqlConnection connection, DateOnly settledSince, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new(OwnerFigures.SelectWhere("o.received > 0", "$1")) { Parameters = { new NpgsqlParameter<DateOnly> { TypedValue = settledSince } } },
                new("SELECT segment, bin, responses, censored FROM response_time_bins"),
                new("SELECT slot, pending FROM insight_pending WHERE pending > 0"),
                new("SELECT hour_of_week, sum(actions)::bigint FROM owner_activity_hours GROUP BY hour_of_week"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var owners = new List<OwnerFigures>();
        while (await reader.ReadAsync(cancellationToken))
        {
            owners.Add(OwnerFigures.Read(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        var bins = new List<(short, short, long, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            bins.Add((reader.GetInt16(0), reader.GetInt16(1), reader.GetInt32(2), reader.GetInt32(3)));
        }

        await reader.NextResultAsync(cancellationToken);
        var pending = new List<(long, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add((reader.GetInt64(0), reader.GetInt32(1)));
        }

        await reader.NextResultAsync(cancellationToken);
        var hours = new long[HourOfWeekProfile.Hours];
        while (await reader.ReadAsync(cancellationToken))
        {
            hours[reader.GetInt16(0)] = reader.GetInt64(1);
        }

        return new InsightFitInput(owners, bins, pending, hours);
    }
}
