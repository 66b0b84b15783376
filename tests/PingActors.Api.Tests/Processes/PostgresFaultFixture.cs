using PingActors.LocalPostgres;
using PingActors.Testing;

namespace PingActors.Api.Tests.Processes;

/// <summary>
/// The PostgreSQL fault tests' server of their own (they stop, kill and start it) and a multi-process cluster on
/// it, started once for the class: the server and the three processes take longer to start than most of the tests
/// take to run.
/// </summary>
public sealed class PostgresFaultFixture : IAsyncLifetime
{
    /// <summary>The daily limit every sender has, so that a load is partly refused.</summary>
    public const int DailyLimit = 20;

    public TestDatabase Database { get; private set; } = null!;

    public LocalPostgresServer Server => Database.OwnServer!;

    internal ProcessCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateOnOwnServerAsync();
        try
        {
            Cluster = await ProcessCluster.StartAsync(Database.ConnectionString, new() { ["Pings__DailyLimit"] = $"{DailyLimit}" });
        }
        catch
        {
            // xUnit does not dispose a fixture whose start failed: the server of its own would outlive the run.
            await Database.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        Cluster?.Dispose();
        await Database.DisposeAsync();
    }
}
