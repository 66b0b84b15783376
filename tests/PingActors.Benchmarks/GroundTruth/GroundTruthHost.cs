using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PingActors.Api;
using PingActors.Pings;
using PingActors.Platform;
using PingActors.Testing.Processes;

namespace PingActors.Benchmarks.GroundTruth;

/// <summary>
/// PingActors as it runs in production (the API host with its silo, its event workers, its expiry sweeper and its
/// insight refits), on a database of its own, with the domain clock in the simulation's hands.
/// </summary>
internal sealed class GroundTruthHost : IAsyncDisposable
{
    private readonly WebApplication _api;

    private GroundTruthHost(WebApplication api, FakeTimeProvider clock) => (_api, Clock) = (api, clock);

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _api.Services;

    public IGrainFactory Grains => _api.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's expiry sweeper.</summary>
    public ExpirySweeper Sweeper => _api.Services.GetServices<IHostedService>().OfType<ExpirySweeper>().Single();

    public static async Task<GroundTruthHost> StartAsync(string connectionString, DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Cluster:Mode"] = "single-node",
            ["Cluster:ClusterId"] = "pingactors-ground-truth",
            ["Cluster:ServiceId"] = "pingactors-ground-truth",
            ["Cluster:SiloPort"] = $"{Repository.FreePort()}",
            ["Cluster:GatewayPort"] = $"{Repository.FreePort()}",
            ["Cluster:Dashboard"] = "false",
            ["Auth:SigningKey"] = $"ground-truth-signing-key-{Guid.NewGuid():N}",
            ["Auth:DevTokens"] = "false",
            ["Embedded:Enabled"] = "false",
            ["Pings:DailyLimit"] = "1000000",
            // The ground truth judges the predictions on every planned ping: no limit may refuse one.
            ["Limits:Preset"] = "Flat",
            // The sweeper's interval only decides when an expiry is noticed: the expiry is stored at the ping's own time.
            ["Pings:SweepInterval"] = "01:00:00",
            ["Insights:RefitInterval"] = "7.00:00:00",
            ["Urls"] = $"http://127.0.0.1:{Repository.FreePort()}",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var api = await ApiApplication.BuildAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, clock);
        });
        await api.StartAsync();
        return new GroundTruthHost(api, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _api.StopAsync();
        await _api.DisposeAsync();
    }
}
