using Npgsql;

namespace PingActors.Import.Staging;

/// <summary>
/// Where the staging and prepared tables live: the import's own schema, or, for the plan and the verification
/// (which must not disturb an import in progress), temporary copies of them that vanish with the session. The
/// SQL names them <c>{s}.stage_pings</c> and so on, whichever it is.
/// </summary>
public sealed class Workspace
{
    public const string ImportSchema = "pingactors_import";

    private static readonly string[] _tables =
    [
        "stage_pings", "stage_chats", "stage_messages", "stage_limits",
        "prep_listings", "prep_chats", "prep_pings", "prep_messages", "prep_users", "prep_report",
    ];

    private Workspace(string schema) => Schema = schema;

    /// <summary>The import's schema: what the import stages survives a killed process, so it can resume.</summary>
    public static Workspace Import { get; } = new(ImportSchema);

    /// <summary>The session's temporary schema: for the plan and the verification.</summary>
    public static Workspace Session { get; } = new("pg_temp");

    public string Schema { get; }

    public static IReadOnlyList<string> StageTables { get; } = [.. _tables.Where(t => t.StartsWith("stage_", StringComparison.Ordinal))];

    /// <summary><paramref name="sql"/> with <c>{s}</c> naming this workspace's schema.</summary>
    public string Sql(string sql) => sql.Replace("{s}", Schema, StringComparison.Ordinal);

    /// <summary>Creates the session's temporary copies of the import's tables (for <see cref="Session"/>).</summary>
    public static async Task CreateSessionTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var sql = string.Join(";\n", _tables.Select(t => $"CREATE TEMP TABLE {t} (LIKE {ImportSchema}.{t} INCLUDING ALL)"));
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
