using Npgsql;

namespace PingActors.Benchmarks.Tiers;

/// <summary>Reads a <see cref="TierSample"/>: CPU from <c>/proc</c>, the rest from PostgreSQL and Npgsql's counters.</summary>
internal sealed class TierSampler(NpgsqlDataSource admin, PostgresCpu? postgres, DatabaseOperations operations)
{
    /// <summary>A sampler for the server behind <paramref name="admin"/>; its CPU is unknown when the server runs on another machine.</summary>
    public static async Task<TierSampler> CreateAsync(NpgsqlDataSource admin, DatabaseOperations operations) =>
        new(admin, await PostgresCpu.OfAsync(admin), operations);

    public async Task<TierSample> TakeAsync(int loadPid)
    {
        var (postgresCpu, host, threads, load, allocated) = (postgres?.Read(), ProcessStat.CpuOf(Environment.ProcessId), HostThreads.Take(), ProcessStat.CpuOf(loadPid), GC.GetTotalAllocatedBytes());
        // pg_current_xact_id() hands this statement a transaction id of its own, one per sample: the round's count is one too many.
        await using var command = admin.CreateCommand("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint, pg_current_xact_id()::text::bigint");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new TierSample(postgresCpu, host, load, allocated, reader.GetInt64(0), reader.GetInt64(1), operations.PingActorsAll, threads);
    }
}
