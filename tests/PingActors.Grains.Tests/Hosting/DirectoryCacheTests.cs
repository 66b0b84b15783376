using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.GrainDirectory;
using PingActors.References;
using PingActors.Users;

namespace PingActors.Grains.Tests.Hosting;

[Collection(ClusterCollection.Name)]
public sealed class DirectoryCacheTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    private const string CacheSizeInstrument = "orleans-directory-cache-size";

    [Fact]
    public async Task EverySilo_CachesAddresses_InOrleansLruCacheWithTheConfiguredSize()
    {
        await CallManyGrainsAsync();

        foreach (var silo in Fixture.Cluster.Silos)
        {
            var services = silo.ServiceProvider;
            Assert.Equal(GrainDirectoryOptions.CachingStrategyType.Custom, services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CachingStrategy);
            var cache = services.GetRequiredService<IGrainDirectoryCache>();
            Assert.Equal("LruGrainDirectoryCache", cache.GetType().Name);
        }

        // With two silos, each caches the addresses of the grains whose directory entries the other one owns.
        Assert.Contains(Fixture.Cluster.Silos, silo => silo.ServiceProvider.GetRequiredService<IGrainDirectoryCache>().KeyValues.Any());
    }

    [Fact]
    public async Task NoSilo_WalksItsCache_WhenItsInstrumentsAreRead()
    {
        await CallManyGrainsAsync();
        var sizes = new List<int>();
        var instruments = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Microsoft.Orleans")
                {
                    instruments.Add(instrument.Name);
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == CacheSizeInstrument)
            {
                lock (sizes)
                {
                    sizes.Add(value);
                }
            }
        });
        listener.Start();

        listener.RecordObservableInstruments();

        // The gauge is still there, and reads nothing: no cache registered itself with it (Orleans' own LRU cache
        // registers a count that walks every cached address), though the caches hold addresses.
        Assert.Contains(CacheSizeInstrument, instruments);
        Assert.NotEmpty(sizes);
        Assert.All(sizes, size => Assert.Equal(0, size));
        Assert.Contains(Fixture.Cluster.Silos, silo => silo.ServiceProvider.GetRequiredService<IGrainDirectoryCache>().KeyValues.Any());
    }

    private async Task CallManyGrainsAsync()
    {
        var users = Enumerable.Range(0, 40).Select(_ => ClusterFixture.NewUser()).ToList();
        await Task.WhenAll(users.Select(user => Fixture.Grains.Reference<IUserGrain>(user).GetAllowanceAsync()));
        // Grain-to-grain calls from both silos: each user grain asks a listing grain.
        foreach (var silo in Fixture.Cluster.Silos)
        {
            var grains = silo.ServiceProvider.GetRequiredService<IGrainFactory>();
            await Task.WhenAll(users.Select(user => grains.Reference<IUserGrain>(user).GetAllowanceAsync()));
        }
    }
}
