using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PingActors.Chats;
using PingActors.History;
using PingActors.Owners;
using PingActors.Storage;
using PingActors.Users;

namespace PingActors.Grains.Tests.Hosting;

[Collection(ClusterCollection.Name)]
public sealed class DataSourceTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    private const string ConnectionsNamed = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1";

    [Fact]
    public async Task HistoryWrites_RunOnTheWritersOwnConnections_NoMoreThanItsBatchesInFlightAndOnePerSilo()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => NewPingAsync()));

        var perSilo = Fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IOptions<GroupCommitOptions>>().Value.MaxConcurrentBatches + 1;
        var writers = await CountAsync(ConnectionsNamed, DataSourceNames.History);
        Assert.InRange(writers, 1, Fixture.Cluster.Silos.Count * perSilo);
    }

    [Fact]
    public async Task ActivationLoads_RunOnTheLoadersOwnConnections_NoMoreThanTheirBatchesInFlightPerSilo()
    {
        // New senders and new chats: each ping activates a sender's grain and its owner's, and opens a chat.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => NewPingAsync()));

        var perSilo = SenderHistoryLoader.Concurrency + OwnerHistoryLoader.Concurrency + ChatLoader.Concurrency;
        var loaders = await CountAsync(ConnectionsNamed, DataSourceNames.Loads);
        Assert.InRange(loaders, 1, Fixture.Cluster.Silos.Count * perSilo);
    }
}
