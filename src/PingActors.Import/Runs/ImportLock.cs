using Npgsql;

namespace PingActors.Import.Runs;

/// <summary>One import at a time per target database: a session advisory lock, held on a connection of its own.</summary>
public sealed class ImportLock : IAsyncDisposable
{
    // Any constant will do, as long as nothing else in the database uses it.
    private const long Key = 0x50696e67496d7074; // "PingImpt"

    private readonly NpgsqlConnection _connection;

    private ImportLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Takes the lock, or returns null when another import holds it.</summary>
    public static async Task<ImportLock?> TryTakeAsync(NpgsqlDataSource target, CancellationToken cancellationToken)
    {
        var connection = await target.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Key });
        if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            return new ImportLock(connection);
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        // A pooled connection outlives its close, and with it a session lock: release it by name. (A process
        // that dies ends its session, and that releases the lock too.)
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Key });
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
