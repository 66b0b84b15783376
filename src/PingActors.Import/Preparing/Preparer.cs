using System.Reflection;
using Npgsql;
using PingActors.Import.Staging;

namespace PingActors.Import.Preparing;

/// <summary>
/// Derives PingActors' rows from the staged source with set-based SQL (the scripts beside this class), in the
/// caller's transaction: the listings and their owners first, then, once the listings are registered, the
/// chats, pings, messages and user settings, and the report of what stays behind.
/// </summary>
public static class Preparer
{
    /// <summary>Decides every listing's owner (into <c>prep_listings</c>) and empties the other prepared tables.</summary>
    public static Task OwnersAsync(NpgsqlConnection target, Workspace workspace, PrepareSettings settings, CancellationToken cancellationToken) =>
        RunAsync(target, workspace, "listings.sql", settings, cancellationToken);

    /// <summary>Derives the chats, pings, messages and user settings, and what stays behind.</summary>
    public static async Task HistoryAsync(NpgsqlConnection target, Workspace workspace, PrepareSettings settings, CancellationToken cancellationToken)
    {
        await RunAsync(target, workspace, "history.sql", settings, cancellationToken);
        await RunAsync(target, workspace, "users.sql", settings, cancellationToken);
    }

    /// <summary>The text of an embedded script.</summary>
    public static string Script(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"PingActors.Import.{name}")
            ?? throw new ArgumentException($"No embedded script {name}.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task RunAsync(NpgsqlConnection target, Workspace workspace, string script, PrepareSettings settings, CancellationToken cancellationToken)
    {
        // The derivation sorts and hashes millions of rows at once; memory of its own spares it the disk.
        await using (var memory = new NpgsqlCommand("SET LOCAL work_mem = '256MB'", target))
        {
            await memory.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(workspace.Sql(Script(script)), target);
        command.Parameters.AddWithValue("as_of", settings.AsOf);
        command.Parameters.AddWithValue("expiry", settings.Expiry);
        command.Parameters.AddWithValue("zone", settings.Zone);
        command.Parameters.AddWithValue("today", settings.Today);
        command.Parameters.AddWithValue("limits_table", settings.LimitsTable);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
