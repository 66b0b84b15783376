namespace PingActors.Benchmarks.Tiers;

/// <summary>
/// The counters of a tier round at one instant: CPU time of PostgreSQL, of this process (the PingActors host) and
/// of the load generator; the bytes this process has allocated; the WAL position; transaction ids handed out;
/// PingActors' database operations; this process's threads and garbage collections.
/// </summary>
internal sealed record TierSample(
    TimeSpan? Postgres, TimeSpan Host, TimeSpan Load, long HostAllocated, long WalBytes, long TransactionIds, long HostRoundTrips, HostThreads HostThreads);
