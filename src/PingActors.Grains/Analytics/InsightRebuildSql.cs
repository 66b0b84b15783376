namespace PingActors.Analytics;

/// <summary>
/// The insight sums of a chunk of the history, for the rebuild: the same figures <see cref="InsightSums"/> folds
/// from the events. The ping statements take the chunk's ping ids (<c>$1</c>, <c>$2</c>], the grid's edges
/// (<c>$3</c>) and its centre logs (<c>$4</c>); the message statement takes a chunk of chat ids.
/// </summary>
internal static class InsightRebuildSql
{
    private const string ResponseSeconds = "floor(extract(epoch FROM responded_at - created_at))::bigint";
    private const string WithdrawnSeconds = "floor(extract(epoch FROM closed_at - created_at))::bigint";
    private const string Chunk = "ping_id > $1 AND ping_id <= $2";

    public static readonly string Owners = AggregateSql.With(InsightSql.AddOwners, $"""
        SELECT receiver, count(*), count(*) FILTER (WHERE status = 'responded'), count(*) FILTER (WHERE status = 'declined'),
               count(*) FILTER (WHERE status = 'withdrawn'), count(*) FILTER (WHERE status = 'expired'),
               coalesce(sum(log) FILTER (WHERE status = 'responded'), 0), coalesce(sum(log * log) FILTER (WHERE status = 'responded'), 0)
        FROM (
            SELECT receiver, status, ($4::bigint[])[width_bucket({ResponseSeconds}, $3::bigint[]) + 1] AS log
            FROM pings WHERE {Chunk}) chunk
        GROUP BY receiver
        """);

    public static readonly string TimeBins = AggregateSql.With(InsightSql.AddTimeBins, $"""
        SELECT (extract(hour FROM created_at AT TIME ZONE 'UTC')::int / {24 / InsightSums.Segments})::smallint,
               (CASE status WHEN 'responded' THEN width_bucket({ResponseSeconds}, $3::bigint[])
                            WHEN 'withdrawn' THEN width_bucket({WithdrawnSeconds}, $3::bigint[])
                            ELSE {ResponseTimeGrid.Never} END)::smallint,
               count(*) FILTER (WHERE status = 'responded'), count(*) FILTER (WHERE status <> 'responded')
        FROM pings WHERE {Chunk} AND status <> 'pending'
        GROUP BY 1, 2
        """);

    public static readonly string Pending = AggregateSql.With(InsightSql.AddPending, $"""
        SELECT floor(extract(epoch FROM created_at) / {InsightSums.SlotSeconds})::bigint, count(*)
        FROM pings WHERE {Chunk} AND status = 'pending'
        GROUP BY 1
        """);

    public static readonly string Declines = AggregateSql.With(InsightSql.AddActivityHours, $"""
        SELECT receiver, {HourOfWeek("closed_at")}, count(*)
        FROM pings WHERE {Chunk} AND status = 'declined'
        GROUP BY 1, 2
        """);

    /// <summary>The owners' own messages in the chats with ids in (<c>$1</c>, <c>$2</c>].</summary>
    public static readonly string OwnerMessages = AggregateSql.With(InsightSql.AddActivityHours, $"""
        SELECT c.owner, {HourOfWeek("m.created_at")}, count(*)
        FROM chats c JOIN messages m ON m.chat_id = c.chat_id AND m.sender = c.owner
        WHERE c.chat_id > $1 AND c.chat_id <= $2
        GROUP BY 1, 2
        """);

    /// <summary>The statements that take a chunk of pings, in the order they run.</summary>
    public static readonly string[] PingStatements = [Owners, TimeBins, Pending, Declines];

    private static string HourOfWeek(string column) =>
        $"((extract(isodow FROM {column} AT TIME ZONE 'UTC')::int - 1) * 24 + extract(hour FROM {column} AT TIME ZONE 'UTC')::int)::smallint";
}
