using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.GrainDirectory;

namespace PingActors.Hosting;

/// <summary>
/// The silo's grain directory cache: Orleans' own LRU cache, with the same size and lifetime settings, but without
/// its cache-size gauge. Orleans computes that gauge by walking every cached address (up to a million by default),
/// and the Dashboard reads every Orleans instrument once a second, so a silo walked its whole cache every second,
/// loaded or idle. The gauge stays, reading zero; the cache and everything else about the directory are Orleans'.
/// </summary>
internal static class DirectoryCacheSetup
{
    public static void AddPingActorsDirectoryCache(this IServiceCollection services)
    {
        // A custom strategy makes the local directory take the cache from the container.
        services.Configure<GrainDirectoryOptions>(options => options.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.Custom);
        services.AddSingleton<IGrainDirectoryCache>(provider =>
        {
            var configured = provider.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;
            var lru = new GrainDirectoryOptions
            {
                CachingStrategy = GrainDirectoryOptions.CachingStrategyType.LRU,
                CacheSize = configured.CacheSize,
                MaximumCacheTTL = configured.MaximumCacheTTL,
            };
            // The factory registers the gauge with the DirectoryInstruments it finds among the services; these
            // services hold only the clock Orleans keys to the directory.
            return GrainDirectoryCacheFactory.CreateGrainDirectoryCache(new DirectoryClockOnly(provider), lru);
        });
    }

    /// <summary>A view of the container that answers only keyed lookups (the directory's clock).</summary>
    private sealed class DirectoryClockOnly(IServiceProvider services) : IKeyedServiceProvider
    {
        public object? GetService(Type serviceType) => null;

        public object? GetKeyedService(Type serviceType, object? serviceKey) =>
            ((IKeyedServiceProvider)services).GetKeyedService(serviceType, serviceKey);

        public object GetRequiredKeyedService(Type serviceType, object? serviceKey) =>
            ((IKeyedServiceProvider)services).GetRequiredKeyedService(serviceType, serviceKey);
    }
}
