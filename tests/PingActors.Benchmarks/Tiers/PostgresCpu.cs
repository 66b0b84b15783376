using Npgsql;

namespace PingActors.Benchmarks.Tiers;

/// <summary>
/// The CPU time a PostgreSQL server has used, all its processes together: the postmaster, every live child
/// (backends, WAL writer, checkpointer, autovacuum) and every child that has exited, which the postmaster has
/// waited for and so carries in its children's time. Backends that come and go between two readings are counted.
/// </summary>
internal sealed class PostgresCpu(int postmasterPid)
{
    public int PostmasterPid => postmasterPid;

    /// <summary>The server's CPU time so far; null if its postmaster is not on this machine.</summary>
    public TimeSpan? Read()
    {
        if (ProcessStat.Read(postmasterPid) is not { } postmaster)
        {
            return null;
        }

        var total = postmaster.Own + postmaster.WaitedChildren;
        foreach (var child in ProcessStat.All().Where(p => p.ParentPid == postmasterPid))
        {
            total += child.Own;
        }

        return total;
    }

    /// <summary>
    /// The server behind <paramref name="database"/>, found as the parent of the backend that serves a connection
    /// of it; null when the server runs elsewhere.
    /// </summary>
    public static async Task<PostgresCpu?> OfAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT pg_backend_pid()");
        var backendPid = (int)(await command.ExecuteScalarAsync())!;
        return ProcessStat.Read(backendPid) is { } backend ? new PostgresCpu(backend.ParentPid) : null;
    }
}
