using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using PingActors.Hosting;
using PingActors.Platform;
using PingActors.Testing;

namespace PingActors.Grains.Tests.Faults;

/// <summary>
/// Two clusters that do not know of each other, over one database and one service id: every grain can be
/// active in both at once, as it could be for a moment when a silo is declared dead while it still runs. What
/// keeps the promises then is the database alone.
/// </summary>
public sealed class SplitBrainFixture : IAsyncLifetime
{
    private const string ServiceId = "split-brain";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public TestDatabase Database { get; private set; } = null!;

    public InProcessTestCluster Left { get; private set; } = null!;

    public InProcessTestCluster Right { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Left = await DeployAsync("left");
        Right = await DeployAsync("right");
    }

    public async Task DisposeAsync()
    {
        await Left.DisposeAsync();
        await Right.DisposeAsync();
        await Database.DisposeAsync();
    }

    private async Task<InProcessTestCluster> DeployAsync(string name)
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ClusterId = $"{name}-{Guid.NewGuid():N}";
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration["ConnectionStrings:Postgres"] = Database.ConnectionString;
            host.Configuration["Pings:SweepInterval"] = "00:00:00";
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddPingActors();
            silo.Services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, Clock);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
