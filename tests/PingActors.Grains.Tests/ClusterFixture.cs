using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.TestingHost;
using PingActors.Hosting;
using PingActors.Listings;
using PingActors.Platform;
using PingActors.Testing;

namespace PingActors.Grains.Tests;

/// <summary>
/// Two silos in one process, on a fresh PostgreSQL database, with the domain's clock in the tests' hands.
/// Shared by every test in <see cref="ClusterCollection"/>; each test makes its own users and listings.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public TestDatabase Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration["ConnectionStrings:Postgres"] = Database.ConnectionString;
            // These tests decide when a ping's expiry is stored; the sweeper has tests of its own.
            host.Configuration["Pings:SweepInterval"] = "00:00:00";
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddPingActors();
            silo.Services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, Clock);
            // A killed silo is declared dead in seconds, not the default minute and more.
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = 1;
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A username no other test uses.</summary>
    public static string NewUser(string role = "user") => $"{role}-{Guid.NewGuid():N}"[..32];

    /// <summary>Registers an open listing for <paramref name="owner"/>.</summary>
    public async Task<Guid> NewListingAsync(string owner, string title = "A bike, barely used")
    {
        var listingId = Guid.NewGuid();
        var result = await Grains.GetGrain<IListingGrain>(listingId).RegisterAsync(owner, title);
        Assert.Equal(ListingChangeOutcome.Created, result.Outcome);
        return listingId;
    }

    /// <summary>Deactivates every grain in the cluster, so the next call reloads from storage.</summary>
    public async Task DeactivateAllAsync()
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
    }

    /// <summary>Replaces every silo with a fresh one: nothing survives but what is in PostgreSQL.</summary>
    public async Task RestartAllSilosAsync()
    {
        foreach (var silo in Cluster.Silos.ToList())
        {
            await Cluster.RestartSiloAsync(silo);
        }

        await Cluster.InitializeClientAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
