using Npgsql;

namespace PingActors.Analytics;

/// <summary>
/// How the insight sums (<see cref="InsightSums"/>) are added into their tables: by the workers from a batch's
/// delta, and by the rebuild from a chunk of the history. Both add, like <see cref="AggregateSql"/>.
/// </summary>
internal static class InsightSql
{
    public const string AddOwners = """
        INSERT INTO owner_insights AS s (username, received, responded, declined, withdrawn, expired, log_time_sum, log_time_sq_sum)
        {0}
        ON CONFLICT (username) DO UPDATE SET
            received = s.received + excluded.received,
            responded = s.responded + excluded.responded,
            declined = s.declined + excluded.declined,
            withdrawn = s.withdrawn + excluded.withdrawn,
            expired = s.expired + excluded.expired,
            log_time_sum = s.log_time_sum + excluded.log_time_sum,
            log_time_sq_sum = s.log_time_sq_sum + excluded.log_time_sq_sum
        """;

    public const string AddActivityHours = """
        INSERT INTO owner_activity_hours AS h (username, hour_of_week, actions)
        {0}
        ON CONFLICT (username, hour_of_week) DO UPDATE SET actions = h.actions + excluded.actions
        """;

    public const string AddTimeBins = """
        INSERT INTO response_time_bins AS b (segment, bin, responses, censored)
        {0}
        ON CONFLICT (segment, bin) DO UPDATE SET responses = b.responses + excluded.responses, censored = b.censored + excluded.censored
        """;

    public const string AddPending = """
        INSERT INTO insight_pending AS p (slot, pending)
        {0}
        ON CONFLICT (slot) DO UPDATE SET pending = p.pending + excluded.pending
        """;

    /// <summary>The tables the insight sums live in, for the rebuild to empty.</summary>
    public static readonly string[] Tables = ["owner_insights", "owner_activity_hours", "response_time_bins", "insight_pending"];

    /// <summary>Adds <paramref name="sums"/>, each table's rows in key order (see <see cref="AggregateSql.AddDelta"/>).</summary>
    public static void Add(NpgsqlBatch batch, InsightSums sums)
    {
        if (sums.Owners.Count > 0)
        {
            var owners = sums.Owners.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
            batch.BatchCommands.Add(AggregateSql.Command(
                AggregateSql.With(AddOwners, "SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::bigint[], $8::bigint[])"),
                AggregateSql.Array(owners, o => o.Key), AggregateSql.Array(owners, o => o.Value.Received), AggregateSql.Array(owners, o => o.Value.Responded),
                AggregateSql.Array(owners, o => o.Value.Declined), AggregateSql.Array(owners, o => o.Value.Withdrawn), AggregateSql.Array(owners, o => o.Value.Expired),
                AggregateSql.Array(owners, o => o.Value.LogTimeSum), AggregateSql.Array(owners, o => o.Value.LogTimeSquares)));
        }

        if (sums.ActivityHours.Count > 0)
        {
            var hours = sums.ActivityHours.OrderBy(h => h.Key.Owner, StringComparer.Ordinal).ThenBy(h => h.Key.HourOfWeek).ToList();
            batch.BatchCommands.Add(AggregateSql.Command(
                AggregateSql.With(AddActivityHours, "SELECT * FROM unnest($1::text[], $2::smallint[], $3::int[])"),
                AggregateSql.Array(hours, h => h.Key.Owner), AggregateSql.Array(hours, h => h.Key.HourOfWeek), AggregateSql.Array(hours, h => h.Value)));
        }

        if (sums.TimeBins.Count > 0)
        {
            var bins = sums.TimeBins.OrderBy(b => b.Key.Segment).ThenBy(b => b.Key.Bin).ToList();
            batch.BatchCommands.Add(AggregateSql.Command(
                AggregateSql.With(AddTimeBins, "SELECT * FROM unnest($1::smallint[], $2::smallint[], $3::int[], $4::int[])"),
                AggregateSql.Array(bins, b => b.Key.Segment), AggregateSql.Array(bins, b => b.Key.Bin),
                AggregateSql.Array(bins, b => b.Value.Responses), AggregateSql.Array(bins, b => b.Value.Censored)));
        }

        if (sums.PendingSlots.Count > 0)
        {
            var slots = sums.PendingSlots.OrderBy(s => s.Key).ToList();
            batch.BatchCommands.Add(AggregateSql.Command(
                AggregateSql.With(AddPending, "SELECT * FROM unnest($1::bigint[], $2::int[])"),
                AggregateSql.Array(slots, s => s.Key), AggregateSql.Array(slots, s => s.Value)));
        }
    }
}
