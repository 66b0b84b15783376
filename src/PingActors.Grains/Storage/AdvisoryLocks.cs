using Npgsql;

namespace PingActors.Storage;

/// <summary>
/// The PostgreSQL advisory locks that coordinate background work across silos. Session locks are released
/// explicitly: pooled connections are returned without a reset, so a lock would otherwise outlive its user.
/// </summary>
internal static class AdvisoryLocks
{
    /// <summary>Held by the one rebuild that may run at a time.</summary>
    public const long Rebuild = 0x50_41_01;

    /// <summary>Shared by every worker transaction; a rebuild takes it exclusively to keep workers out.</summary>
    public const long Workers = 0x50_41_02;

    /// <summary>Held by the one silo sweeping expired pings.</summary>
    public const long Sweeper = 0x50_41_03;

    public static async Task<bool> TryLockAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, "SELECT pg_try_advisory_lock($1)", key, cancellationToken);

    public static async Task LockAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, "SELECT pg_advisory_lock($1) IS NULL", key, cancellationToken);

    /// <summary>Shares <paramref name="key"/> until the current transaction ends; false while someone holds it exclusively.</summary>
    public static async Task<bool> TryShareForTransactionAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, "SELECT pg_try_advisory_xact_lock_shared($1)", key, cancellationToken);

    public static async Task UnlockAsync(NpgsqlConnection connection, long key) =>
        await ScalarAsync(connection, "SELECT pg_advisory_unlock($1)", key, CancellationToken.None);

    private static async Task<bool> ScalarAsync(NpgsqlConnection connection, string sql, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
