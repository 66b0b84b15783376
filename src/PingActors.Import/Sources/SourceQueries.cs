using System.Globalization;

namespace PingActors.Import.Sources;

/// <summary>
/// The queries that read a source into the staging tables. Every column is cast to the staging column's type,
/// and a column the design lacks reads as null, so both designs (and a seed whose pings table has the
/// consolidated shape) land in one shape. COPY takes no parameters: the day's bounds are written as literals.
/// </summary>
public static class SourceQueries
{
    /// <summary>The copies for <paramref name="shape"/>; "today" is the allowance day from <paramref name="dayStart"/> to <paramref name="dayEnd"/>.</summary>
    public static IReadOnlyList<StagingCopy> For(SourceShape shape, DateOnly today, DateTimeOffset dayStart, DateTimeOffset dayEnd)
    {
        var copies = shape.PingTables.Select(Pings).ToList();
        copies.Add(new StagingCopy(shape.Chats.Name, StagingKind.Chats, $"""
            SELECT id::uuid, listing_id::uuid, participant_a::text, participant_b::text, created_at::timestamptz
            FROM {SourceTable.Quote(shape.Chats.Name)}
            """));
        copies.Add(new StagingCopy(shape.Messages.Name, StagingKind.Messages, $"""
            SELECT id::uuid, chat_id::uuid, sender_username::text, text::text, created_at::timestamptz
            FROM {SourceTable.Quote(shape.Messages.Name)}
            """));
        if (shape.Limits is { } limits)
        {
            copies.Add(new StagingCopy(limits.Name, StagingKind.Limits, shape.Design == Design.Seed ? SeedLimits(shape, today) : OlderLimits(shape, dayStart, dayEnd)));
        }

        return copies;
    }

    private static StagingCopy Pings(SourceTable table) => new(table.Name, StagingKind.Pings, $"""
        SELECT {Literal(table.Name)}::text, id::uuid, sender_username::text, receiver_username::text, listing_id::uuid,
               message::text, status::text, created_at::timestamptz, {table.ColumnOrNull("updated_at", "timestamptz")},
               {table.ColumnOrNull("response_time_minutes", "integer")}, {table.ColumnOrNull("first_response_at", "timestamptz")},
               {table.ColumnOrNull("responded_at", "timestamptz")}, {table.ColumnOrNull("response_message", "text")},
               {table.ColumnOrNull("message_id", "uuid")}
        FROM {SourceTable.Quote(table.Name)}
        """);

    /// <summary>The seed's cache: its count is today's only while its reset date is today.</summary>
    private static string SeedLimits(SourceShape shape, DateOnly today) => $"""
        SELECT username::text, daily_pings_limit::integer, {shape.DefaultLimit}::integer, cooldown_until::timestamptz,
               (CASE WHEN last_reset_date = {Literal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}::date THEN daily_pings_sent ELSE 0 END)::integer
        FROM {SourceTable.Quote(shape.Limits!.Name)}
        """;

    /// <summary>The older design counts today's pings on the fly, as its limit check did; a sender without a limits row counts too.</summary>
    private static string OlderLimits(SourceShape shape, DateTimeOffset dayStart, DateTimeOffset dayEnd)
    {
        var pings = SourceTable.Quote(shape.PingTables[0].Name);
        return $"""
            SELECT coalesce(l.username, t.sender)::text, l.daily_limit::integer, {shape.DefaultLimit}::integer,
                   l.cooldown_until::timestamptz, coalesce(t.sent, 0)::integer
            FROM {SourceTable.Quote(shape.Limits!.Name)} l
            FULL JOIN (
                SELECT sender_username AS sender, count(*) AS sent
                FROM {pings}
                WHERE created_at >= {Literal(dayStart)}::timestamptz AND created_at < {Literal(dayEnd)}::timestamptz
                GROUP BY sender_username
            ) t ON t.sender = l.username
            """;
    }

    private static string Literal(DateTimeOffset at) => Literal(at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff+00", CultureInfo.InvariantCulture));

    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
