using Orleans.Configuration;
using Orleans.Dashboard;
using PingActors.Hosting;
using PingActors.Operations.Health;
using PingActors.Operations.Startup;
using PingActors.Operations.Telemetry;
using PingActors.Platform;

namespace PingActors.Api.Hosting;

public static class ApiHosting
{
    /// <summary>
    /// Connects the API to the grains. <c>Cluster:Mode</c> <c>single-node</c> (the default) hosts a silo in this
    /// process, on the embedded PostgreSQL unless a connection string is set; <c>client</c> joins the silos listed
    /// in the database's membership table (and serves the dashboard's UI for them). The endpoints are the same
    /// either way: they only see <see cref="IGrainFactory"/>.
    /// </summary>
    public static async Task<ClusterSettings> AddPingActorsBackendAsync(this WebApplicationBuilder builder)
    {
        var cluster = builder.Services.AddClusterSettings(builder.Configuration);
        // Before anything starts: a second copy of this host stops here with one line, not amid a half-started silo.
        ListeningPorts.EnsureFree(builder.Configuration, cluster.IsSingleNode ? cluster : null);
        if (cluster.IsSingleNode)
        {
            await EmbeddedPostgres.UseWhenUnconfiguredAsync(builder);
            builder.AddPingActorsSilo(singleNode: true, (silo, settings) =>
            {
                silo.AddPingActorsTracing(builder.Configuration);
                if (settings.Dashboard)
                {
                    silo.AddPingActorsDashboard(settings);
                }
            });
        }
        else
        {
            builder.UseOrleansClient(client =>
            {
                client.UsePingActorsClustering().AddPingActorsTracing(builder.Configuration);
                if (cluster.Dashboard)
                {
                    client.AddDashboard(dashboard => dashboard.CounterUpdateIntervalMs = cluster.DashboardCounterIntervalMs);
                }

                client.Services.AddOptions<ClientMessagingOptions>().Configure(PingActorsHostExtensions.ApplyResponseTimeout)
                    .BindConfiguration($"{ClusterSettings.Section}:Messaging");
                client.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
                // Silos may come up after the API (docker compose starts them together): keep trying.
                client.UseConnectionRetryFilter(async (_, cancellationToken) =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                    return true;
                });
            });
            builder.Services.AddKeyedSingleton(DomainClock.Key, TimeProvider.System);
        }

        // The stats endpoints read the analytics aggregates (so does a readiness check); the admin endpoints the limit policies.
        builder.Services.AddPingActorsAnalytics();
        builder.Services.AddPingActorsLimits();
        builder.Services.AddPingActorsHealthChecks(hostsSilo: cluster.IsSingleNode);
        builder.AddPingActorsTelemetry("pingactors-api");
        return cluster;
    }
}
