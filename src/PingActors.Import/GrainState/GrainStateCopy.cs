using Npgsql;
using NpgsqlTypes;

namespace PingActors.Import.GrainState;

/// <summary>
/// Puts a chunk's grain-state rows into a session table (emptied at commit), from where set-based SQL writes
/// them into <c>OrleansStorage</c> or compares them with what is there.
/// </summary>
internal static class GrainStateCopy
{
    /// <summary>Joins a chunk row <c>g</c> to its stored row <c>s</c>: the columns of the provider's unique key.</summary>
    public const string SameGrain = """
        s.GrainIdHash = g.GrainIdHash AND s.GrainTypeHash = g.GrainTypeHash AND s.GrainIdN0 = g.GrainIdN0
        AND s.GrainIdN1 = g.GrainIdN1 AND s.ServiceId = g.ServiceId AND s.GrainTypeString = g.GrainTypeString
        AND s.GrainIdExtensionString IS NOT DISTINCT FROM g.GrainIdExtensionString
        """;

    public const string Columns = "GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary";

    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<GrainStateRow> rows, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand($"""
            CREATE TEMP TABLE IF NOT EXISTS import_grain_rows
            (
                Key text NOT NULL, GrainIdHash integer NOT NULL, GrainIdN0 bigint NOT NULL, GrainIdN1 bigint NOT NULL,
                GrainTypeHash integer NOT NULL, GrainTypeString text NOT NULL, GrainIdExtensionString text NULL,
                ServiceId text NOT NULL, PayloadBinary bytea NOT NULL
            ) ON COMMIT DELETE ROWS
            """, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var copy = await connection.BeginBinaryImportAsync($"COPY import_grain_rows (Key, {Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(row.Key, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.GrainIdHash, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(row.GrainIdN0, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(row.GrainIdN1, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(row.GrainTypeHash, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(row.GrainTypeString, NpgsqlDbType.Text, cancellationToken);
            if (row.GrainIdExtensionString is { } extension)
            {
                await copy.WriteAsync(extension, NpgsqlDbType.Text, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }

            await copy.WriteAsync(row.ServiceId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.Payload, NpgsqlDbType.Bytea, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>The stored payloads of the chunk's grains where they differ from the chunk's: key and payload.</summary>
    public static async Task<List<(string Key, byte[] Payload)>> DifferingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT g.Key, s.PayloadBinary
            FROM import_grain_rows g
            JOIN OrleansStorage s ON {SameGrain}
            WHERE s.PayloadBinary IS DISTINCT FROM g.PayloadBinary AND s.PayloadBinary IS NOT NULL
            """, connection);
        var found = new List<(string, byte[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
        }

        return found;
    }
}
