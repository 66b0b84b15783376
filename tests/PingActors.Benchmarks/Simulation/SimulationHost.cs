using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PingActors.Hosting;
using PingActors.Limits;
using PingActors.Platform;
using PingActors.Testing.Processes;

namespace PingActors.Benchmarks.Simulation;

/// <summary>A single-node silo on its own database whose domain clock the simulation moves: the real grains, the real policy.</summary>
internal sealed class SimulationHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SimulationHost(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<SimulationHost> StartAsync(string connectionString, LimitPreset preset, FakeTimeProvider clock)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Cluster:ClusterId"] = $"sim-{Guid.NewGuid():N}",
            ["Cluster:SiloPort"] = $"{Repository.FreePort()}",
            ["Cluster:GatewayPort"] = $"{Repository.FreePort()}",
            ["Cluster:Dashboard"] = "false",
            ["Limits:Preset"] = preset.ToString(),
            ["Analytics:Workers"] = "false",
            // The grains count a ping past its expiry as expired at once; the sweeper only stores it, so it need not
            // run every simulated minute.
            ["Pings:SweepInterval"] = "00:15:00",
        });
        builder.Services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, clock);
        builder.AddPingActorsSilo(singleNode: true);
        var host = builder.Build();
        await host.MigratePingActorsDatabaseAsync();
        await host.StartAsync();
        return new SimulationHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
