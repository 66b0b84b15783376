using PingActors.Testing;

namespace PingActors.Api.Tests.Processes;

/// <summary>
/// A multi-process cluster on a PostgreSQL server of its own, which the tests stop, kill and start again. The
/// tests of one class run one at a time, each with its own users and listings.
/// </summary>
public sealed class PostgresFaultFixture : IAsyncLifetime
{
    /// <summary>The daily limit every sender has, so that a load is partly refused.</summary>
    public const int DailyLimit = 20;

    /// <summary>The Npgsql application name of the data source grains and requests use (the group-commit writer's too).</summary>
    public const string ApplicationName = PingActors.Hosting.PingActorsSiloExtensions.ForegroundDatabase;

    public TestDatabase Database { get; private set; } = null!;

    internal ProcessCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateOnOwnServerAsync();
        Cluster = await ProcessCluster.StartAsync(Database.ConnectionString, new() { ["Pings__DailyLimit"] = $"{DailyLimit}" });
    }

    public async Task DisposeAsync()
    {
        Cluster?.Dispose();
        await Database.DisposeAsync();
    }
}
