namespace PingActors.Analytics;

/// <summary>
/// The insight sums of the whole history, for the rebuild: the same figures <see cref="InsightSums"/> folds from
/// the events, each table's rows in key order. The ping statements take the grid's edges (<c>$1</c>) and its
/// centre logs (<c>$2</c>).
/// </summary>
internal static class InsightRebuildSql
{
    private const string ResponseSeconds = "floor(extract(epoch FROM responded_at - created_at))::bigint";
    private const string WithdrawnSeconds = "floor(extract(epoch FROM closed_at - created_at))::bigint";

    public static readonly string Owners = AggregateSql.With(InsightSql.AddOwners, $"""
        SELECT receiver, count(*), count(*) FILTER (WHERE status = 'responded'), count(*) FILTER (WHERE status = 'declined'),
               count(*) FILTER (WHERE status = 'withdrawn'), count(*) FILTER (WHERE status = 'expired'),
               coalesce(sum(log) FILTER (WHERE status = 'responded'), 0), coalesce(sum(log * log) FILTER (WHERE status = 'responded'), 0)
        FROM (
            SELECT receiver, status, ($2::bigint[])[width_bucket({ResponseSeconds}, $1::bigint[]) + 1] AS log
            FROM pings) figures
        GROUP BY receiver
        ORDER BY receiver
        """);

    public static readonly string TimeBins = AggregateSql.With(InsightSql.AddTimeBins, $"""
        SELECT (extract(hour FROM created_at AT TIME ZONE 'UTC')::int / {24 / InsightSums.Segments})::smallint,
               (CASE status WHEN 'responded' THEN width_bucket({ResponseSeconds}, $1::bigint[])
                            WHEN 'withdrawn' THEN width_bucket({WithdrawnSeconds}, $1::bigint[])
                            ELSE {ResponseTimeGrid.Never} END)::smallint,
               count(*) FILTER (WHERE status = 'responded'), count(*) FILTER (WHERE status <> 'responded')
        FROM pings WHERE status <> 'pending'
        GROUP BY 1, 2
        ORDER BY 1, 2
        """);

    public static readonly string Pending = AggregateSql.With(InsightSql.AddPending, $"""
        SELECT floor(extract(epoch FROM created_at) / {InsightSums.SlotSeconds})::bigint, count(*)
        FROM pings WHERE status = 'pending'
        GROUP BY 1
        ORDER BY 1
        """);

    public static readonly string Declines = AggregateSql.With(InsightSql.AddActivityHours, $"""
        SELECT receiver, {HourOfWeek("closed_at")}, count(*)
        FROM pings WHERE status = 'declined'
        GROUP BY 1, 2
        ORDER BY 1, 2
        """);

    /// <summary>The owners' own messages in all chats.</summary>
    public static readonly string OwnerMessages = AggregateSql.With(InsightSql.AddActivityHours, $"""
        SELECT c.owner, {HourOfWeek("m.created_at")}, count(*)
        FROM chats c JOIN messages m ON m.chat_id = c.chat_id AND m.sender = c.owner
        GROUP BY 1, 2
        ORDER BY 1, 2
        """);

    /// <summary>The statements that take a chunk of pings, in the order they run.</summary>
    public static readonly string[] PingStatements = [Owners, TimeBins, Pending, Declines];

    private static string HourOfWeek(string column) =>
        $"((extract(isodow FROM {column} AT TIME ZONE 'UTC')::int - 1) * 24 + extract(hour FROM {column} AT TIME ZONE 'UTC')::int)::smallint";
}
