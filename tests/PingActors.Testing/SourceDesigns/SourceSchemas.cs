using System.Reflection;
using Npgsql;

namespace PingActors.Testing.SourceDesigns;

/// <summary>Creates either source design's schema in a database, from the SQL embedded beside this class.</summary>
public static class SourceSchemas
{
    /// <summary>The scripts of <paramref name="design"/>, in the order they run.</summary>
    public static IReadOnlyList<string> Scripts(SourceDesign design) => design switch
    {
        SourceDesign.Seed => ["older-tables.sql", "seed.sql", "seed-runnable.sql"],
        SourceDesign.Older => ["older-tables.sql", "older.sql"],
        _ => throw new ArgumentOutOfRangeException(nameof(design), design, null),
    };

    /// <summary>The text of one of the embedded scripts.</summary>
    public static string Script(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"PingActors.Testing.SourceDesigns.{name}")
            ?? throw new ArgumentException($"No embedded script {name}.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Creates <paramref name="design"/>'s tables, indexes, functions and triggers in the database
    /// <paramref name="connectionString"/> names: in <paramref name="schema"/> (created) when given, else in the
    /// first schema of the connection's search path.
    /// </summary>
    public static async Task CreateAsync(string connectionString, SourceDesign design, string? schema = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (schema is not null)
        {
            var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(schema);
            await ExecuteAsync(connection, $"CREATE SCHEMA {quoted}; SET LOCAL search_path TO {quoted}", cancellationToken);
        }

        foreach (var script in Scripts(design))
        {
            await ExecuteAsync(connection, Script(script), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
