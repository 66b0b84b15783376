namespace PingActors.Storage;

/// <summary>
/// The process's two <see cref="Npgsql.NpgsqlDataSource"/>s, by name (also their Npgsql pool and application name):
/// the one requests and grains share, and a small one for background work (event workers, the expiry sweeper,
/// rebuilds), so that work can never take the connections the ping path needs.
/// </summary>
public static class DataSourceNames
{
    /// <summary>The data source requests and grains use (unkeyed in the container).</summary>
    public const string Foreground = "pingactors";

    /// <summary>The key of the data source background work uses.</summary>
    public const string Background = "pingactors-background";
}
