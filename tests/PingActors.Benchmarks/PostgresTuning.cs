namespace PingActors.Benchmarks;

/// <summary>
/// What any PostgreSQL given a write-heavy job is set to, instead of the defaults meant for a laptop: an eighth of
/// memory for its cache, up to 2 GB, so that both designs find their index pages in PostgreSQL's own cache rather
/// than asking the OS for them; and checkpoints spaced out, so that a measured run is not interrupted by one each
/// time a default-sized WAL fills; and room for the connections of every pool one run opens at once (the designs'
/// clients, the host's pools, and the hosts some measures start beside it).
/// Durability stays as it is (fsync and synchronous_commit on).
/// </summary>
internal static class PostgresTuning
{
    public static readonly IReadOnlyList<string> Settings =
    [
        $"shared_buffers = {Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8 / 1048576, 128, 2048)}MB",
        "max_wal_size = 8GB",
        "checkpoint_timeout = 15min",
        "max_connections = 400",
    ];
}
