namespace PingActors.Storage;

/// <summary>
/// The process's <see cref="Npgsql.NpgsqlDataSource"/>s, by name (also their Npgsql pool and application name):
/// the one requests and grains share, a small one for background work (event workers, the expiry sweeper,
/// rebuilds), so that work can never take the connections the ping path needs, and two for the batched work of the
/// ping path: the history writer's, and the one the grains' activation loaders share.
/// </summary>
public static class DataSourceNames
{
    /// <summary>The data source requests and grains use (unkeyed in the container).</summary>
    public const string Foreground = "pingactors";

    /// <summary>The key of the data source background work uses.</summary>
    public const string Background = "pingactors-background";

    /// <summary>
    /// The key of the history writer's data source: as many connections as it has batches in flight, and one to
    /// spare. Npgsql hands out idle connections first in, first out, so in the shared pool consecutive batches ran
    /// on whichever of its dozens of server processes came next, and each one paid again to map the shared buffers
    /// and warm its caches for the same index pages.
    /// </summary>
    public const string History = "pingactors-history";

    /// <summary>
    /// The key of the data source the grains' activation loaders share (senders, owners, chats): as many connections
    /// as their batches in flight, for the same reason as <see cref="History"/>.
    /// </summary>
    public const string Loads = "pingactors-loads";
}
