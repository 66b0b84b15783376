using Npgsql;
using PingActors.Storage;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Holds the workers' advisory lock until disposed, then unlocks it explicitly: the connection goes back to a pool
/// that keeps session locks.
/// </summary>
internal sealed class HeldOffWorkers(NpgsqlConnection connection) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await AdvisoryLocks.UnlockAsync(connection, AdvisoryLocks.Workers);
        await connection.DisposeAsync();
    }
}
