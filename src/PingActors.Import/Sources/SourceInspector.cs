using Npgsql;

namespace PingActors.Import.Sources;

/// <summary>
/// Recognises the design a source database holds from its tables (as its search path resolves them): the seed's
/// if it has <c>ping_limits_cache</c>, <c>analytics_jobs</c> or <c>pings_optimized</c>, the older one if it has
/// <c>ping_limits</c>; and checks that every column the import reads is there.
/// </summary>
public static class SourceInspector
{
    private static readonly string[] _pingColumns = ["id", "sender_username", "receiver_username", "listing_id", "message", "status", "created_at"];
    private static readonly string[] _chatColumns = ["id", "listing_id", "participant_a", "participant_b", "created_at"];
    private static readonly string[] _messageColumns = ["id", "chat_id", "sender_username", "text", "created_at"];

    public static async Task<SourceShape> InspectAsync(NpgsqlConnection source, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<string, SourceTable>();
        foreach (var name in (string[])["pings", "pings_optimized", "chats", "messages", "ping_limits_cache", "ping_limits", "analytics_jobs"])
        {
            if (await ReadAsync(source, name, cancellationToken) is { } table)
            {
                tables[name] = table;
            }
        }

        var seed = tables.ContainsKey("ping_limits_cache") || tables.ContainsKey("analytics_jobs") || tables.ContainsKey("pings_optimized");
        if (!seed && !tables.ContainsKey("ping_limits"))
        {
            throw new SourceNotRecognizedException(
                "The source holds neither design: no ping_limits_cache, analytics_jobs or pings_optimized (the seed's), and no ping_limits (the older one's). Check the connection string's database and Search Path.");
        }

        var design = seed ? Design.Seed : Design.Older;
        var pings = ((string[])["pings", "pings_optimized"]).Where(tables.ContainsKey).Select(n => tables[n]).ToList();
        if (pings.Count == 0)
        {
            throw new SourceNotRecognizedException("The source has no pings table (pings or pings_optimized).");
        }

        foreach (var table in pings)
        {
            Require(table, _pingColumns);
        }

        var chats = Require(tables.GetValueOrDefault("chats") ?? throw Missing("chats"), _chatColumns);
        var messages = Require(tables.GetValueOrDefault("messages") ?? throw Missing("messages"), _messageColumns);
        var limits = tables.GetValueOrDefault(seed ? "ping_limits_cache" : "ping_limits");
        if (limits is not null)
        {
            Require(limits, seed ? ["username", "daily_pings_sent", "daily_pings_limit", "last_reset_date", "cooldown_until"] : ["username", "daily_limit", "cooldown_until"]);
        }

        var notImported = tables.Values.Where(t => t.Name is "analytics_jobs" || (t.Name is "ping_limits" && seed)).ToList();
        return new SourceShape(design, pings, chats, messages, limits, notImported);
    }

    private static SourceTable Require(SourceTable table, IEnumerable<string> columns)
    {
        var missing = columns.Where(c => !table.Has(c)).ToList();
        return missing.Count == 0
            ? table
            : throw new SourceNotRecognizedException($"The source's {table.Name} lacks {string.Join(", ", missing)}.");
    }

    private static SourceNotRecognizedException Missing(string table) => new($"The source has no {table} table.");

    private static async Task<SourceTable?> ReadAsync(NpgsqlConnection source, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT a.attname, pg_get_expr(d.adbin, d.adrelid)
            FROM pg_attribute a
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
            """, source);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        var columns = new Dictionary<string, string?>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return columns.Count == 0 ? null : new SourceTable(name, columns);
    }
}
