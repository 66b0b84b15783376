using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PingActors.Storage;

namespace PingActors.Hosting;

/// <summary>Hosts a PingActors silo in a .NET host: the Silo process, or the API in single-node mode.</summary>
public static class PingActorsHostExtensions
{
    /// <summary>
    /// Adds a silo. In single-node mode it clusters with itself on localhost; otherwise it joins the silos in
    /// the database's membership table. <paramref name="configure"/> adds what the host brings (the Dashboard).
    /// </summary>
    public static ClusterSettings AddPingActorsSilo(this IHostApplicationBuilder builder, bool singleNode, Action<ISiloBuilder, ClusterSettings>? configure = null)
    {
        var cluster = builder.Services.AddClusterSettings(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.AddPingActors();
            configure?.Invoke(silo, cluster);
            silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, (_, _) => new MembershipClock());

            // Failure detection can be tuned (Cluster:Membership:ProbeTimeout, ...), e.g. to detect a killed silo fast in tests.
            silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration($"{ClusterSettings.Section}:Membership");
            silo.Services.AddOptions<SiloMessagingOptions>().Configure(ApplyResponseTimeout).BindConfiguration($"{ClusterSettings.Section}:Messaging");
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });

            if (singleNode)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            }
            else
            {
                silo.UsePingActorsClustering();
                silo.Configure<EndpointOptions>(options =>
                {
                    options.SiloPort = cluster.SiloPort;
                    options.GatewayPort = cluster.GatewayPort;
                    options.AdvertisedIPAddress = string.IsNullOrEmpty(cluster.AdvertisedAddress)
                        ? Dns.GetHostAddresses(Dns.GetHostName()).First(address => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                        : IPAddress.Parse(cluster.AdvertisedAddress);
                    options.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, cluster.SiloPort);
                    options.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, cluster.GatewayPort);
                });
            }
        });
        return cluster;
    }

    /// <summary>
    /// How long a grain call waits for its answer before it fails with a <see cref="TimeoutException"/>. Orleans
    /// waits 30 s by default; a call that a dying silo swallowed should fail sooner than that, so callers can
    /// retry it elsewhere (Cluster:Messaging:ResponseTimeout overrides it).
    /// </summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Applies <see cref="DefaultResponseTimeout"/>; configuration bound afterwards can override it.</summary>
    public static void ApplyResponseTimeout(MessagingOptions options) => options.ResponseTimeout = DefaultResponseTimeout;

    /// <summary>Binds and validates <see cref="ClusterSettings"/>, and returns them for use while building.</summary>
    public static ClusterSettings AddClusterSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ClusterSettings, ClusterSettingsValidator>(ClusterSettings.Section);
        return configuration.GetValidated<ClusterSettings, ClusterSettingsValidator>(ClusterSettings.Section);
    }

    /// <summary>
    /// Checks every option first (a bad setting stops the host before it touches the database), then applies
    /// the database scripts the database has not seen yet (see <see cref="DatabaseMigrator"/>).
    /// </summary>
    public static async Task MigratePingActorsDatabaseAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        host.Services.GetService<IStartupValidator>()?.Validate();
        var database = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator).FullName!);
        await DatabaseMigrator.MigrateAsync(database.Postgres!, logger, cancellationToken);
    }
}
