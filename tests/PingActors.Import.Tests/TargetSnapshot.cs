using Npgsql;

namespace PingActors.Import.Tests;

/// <summary>
/// Everything an import writes into PingActors, as text, table by table: history, grain state (but for the time of
/// the write), the analytics and the report. With <see cref="Versions"/>, each row's version (xmin) too, which
/// changes whenever the row is rewritten, even to the same values.
/// </summary>
public static class TargetSnapshot
{
    private static readonly string[] _tables =
    [
        "SELECT t::text FROM chats t",
        "SELECT t::text FROM pings t",
        "SELECT t::text FROM messages t",
        "SELECT ROW(GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)::text FROM OrleansStorage",
        "SELECT t::text FROM user_daily_stats t",
        "SELECT t::text FROM user_daily_response_minutes t",
        "SELECT t::text FROM listing_stats t",
        "SELECT t::text FROM listing_response_minutes t",
        "SELECT t::text FROM pingactors_import.report t",
        "SELECT t::text FROM pingactors_import.listings t",
        "SELECT t::text FROM pingactors_import.user_settings t",
    ];

    /// <summary>Every row of every table, sorted.</summary>
    public static Task<Dictionary<string, List<string>>> ReadAsync(string connectionString) => ReadAsync(connectionString, _tables);

    /// <summary>Every history and grain-state row with its version.</summary>
    public static Task<Dictionary<string, List<string>>> Versions(string connectionString) => ReadAsync(connectionString,
    [
        "SELECT xmin::text || ' ' || t::text FROM chats t",
        "SELECT xmin::text || ' ' || t::text FROM pings t",
        "SELECT xmin::text || ' ' || t::text FROM messages t",
        "SELECT xmin::text || ' ' || t::text FROM OrleansStorage t",
        "SELECT xmin::text || ' ' || t::text FROM user_daily_stats t",
        "SELECT xmin::text || ' ' || t::text FROM listing_stats t",
        "SELECT count(*)::text FROM events",
    ]);

    private static async Task<Dictionary<string, List<string>>> ReadAsync(string connectionString, IEnumerable<string> queries)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var snapshot = new Dictionary<string, List<string>>();
        foreach (var query in queries)
        {
            var rows = new List<string>();
            await using var command = new NpgsqlCommand(query, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            rows.Sort(StringComparer.Ordinal);
            snapshot[query] = rows;
        }

        return snapshot;
    }
}
