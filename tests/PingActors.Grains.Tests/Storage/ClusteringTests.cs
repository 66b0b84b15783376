using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PingActors.Hosting;
using PingActors.Listings;
using PingActors.Testing;
using PingActors.Testing.Processes;

namespace PingActors.Grains.Tests.Storage;

/// <summary>The real silo wiring: two silos and a client that find each other through the database alone.</summary>
public sealed class ClusteringTests
{
    [Fact]
    public async Task TwoSilosAndAClient_FormOneClusterThroughTheMembershipTable()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clusterId = $"test-{Guid.NewGuid():N}";
        using var first = await StartSiloAsync(database, clusterId);
        using var second = await StartSiloAsync(database, clusterId);

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Configuration.AddInMemoryCollection(Settings(database, clusterId, 0, 0));
        clientBuilder.UseOrleansClient(client =>
        {
            client.UsePingActorsClustering();
            client.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId));
        });
        using var client = clientBuilder.Build();
        await client.StartAsync();

        var grains = client.Services.GetRequiredService<IClusterClient>();
        var listing = Guid.NewGuid();
        await grains.GetGrain<IListingGrain>(listing).RegisterAsync("owner-one", "Lamp");
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

        Assert.Equal(2, hosts.Count);
        Assert.Equal(2, await database.ScalarAsync<long>("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = $1 AND status = 3", clusterId));
        Assert.Equal("owner-one", (await grains.GetGrain<IListingGrain>(listing).GetAsync())!.Owner);
        await client.StopAsync();
        await second.StopAsync();
        await first.StopAsync();
    }

    [Fact]
    public async Task Migration_RunTwice_AppliesNothingTheSecondTime()
    {
        await using var database = await TestDatabase.CreateAsync();

        var again = await PingActors.Storage.DatabaseMigrator.MigrateAsync(
            database.ConnectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var scripts = typeof(PingActors.Storage.DatabaseMigrator).Assembly.GetManifestResourceNames().Count(n => n.EndsWith(".sql", StringComparison.Ordinal));
        Assert.Empty(again);
        Assert.Equal(scripts, await database.ScalarAsync<long>("SELECT count(*) FROM schemaversions"));
    }

    private static async Task<IHost> StartSiloAsync(TestDatabase database, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(database, clusterId, Repository.FreePort(), Repository.FreePort()));
        builder.Configuration["Cluster:AdvertisedAddress"] = IPAddress.Loopback.ToString();
        builder.AddPingActorsSilo(singleNode: false);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static Dictionary<string, string?> Settings(TestDatabase database, string clusterId, int siloPort, int gatewayPort) => new()
    {
        ["ConnectionStrings:Postgres"] = database.ConnectionString,
        ["Cluster:ClusterId"] = clusterId,
        ["Cluster:ServiceId"] = clusterId,
        ["Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cluster:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
