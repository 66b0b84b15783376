using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;
using PingActors.Hosting;

namespace PingActors.Operations.Telemetry;

/// <summary>
/// The Orleans Dashboard on a silo, sampling Orleans' instruments as often as <c>Cluster:DashboardCounterIntervalMs</c>
/// says. The Dashboard's counters move at that interval, but its metric reader collects every Orleans instrument
/// once a second regardless, and one of them (the catalog's request gauge) visits every activation of the silo,
/// taking each one's lock: with 100,000 activations that was about 5% of a loaded host's CPU, and the counters
/// shown were only ever the last of ten collections. The reader's interval is an internal property of Orleans'
/// <c>DashboardHost</c> (10.4.2), so it is set by reflection; should a later Orleans lack it, the host warns and
/// the Dashboard samples every second, as it did (<c>DashboardSetupTests</c> fails first).
/// </summary>
public static partial class DashboardSetup
{
    /// <summary>The Dashboard's service that owns its meter provider and metric reader.</summary>
    internal const string HostTypeName = "Orleans.Dashboard.DashboardHost";

    /// <summary>The host's interval between the reader's collections, in milliseconds.</summary>
    internal const string IntervalProperty = "ExportIntervalMilliseconds";

    public static ISiloBuilder AddPingActorsDashboard(this ISiloBuilder silo, ClusterSettings settings)
    {
        var interval = settings.DashboardCounterIntervalMs;
        silo.AddDashboard(dashboard => dashboard.CounterUpdateIntervalMs = interval);
        var services = silo.Services;
        var registered = services.FirstOrDefault(d => !d.IsKeyedService && d.ServiceType.FullName == HostTypeName && d.ImplementationType is not null);
        if (registered is null || IntervalOf(registered.ServiceType) is not { } property)
        {
            services.AddHostedService(provider => new DashboardIntervalNotSet(provider.GetRequiredService<ILogger<DashboardIntervalNotSet>>()));
            return silo;
        }

        var hostType = registered.ServiceType;
        services.Replace(ServiceDescriptor.Singleton(hostType, provider =>
        {
            var host = ActivatorUtilities.CreateInstance(provider, hostType);
            property.SetValue(host, interval);
            return host;
        }));
        return silo;
    }

    /// <summary>The settable interval of the Dashboard's host type, or null when this Orleans has none.</summary>
    internal static PropertyInfo? IntervalOf(Type hostType) =>
        hostType.GetProperty(IntervalProperty, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic) is { CanWrite: true } property
            && property.PropertyType == typeof(int)
            ? property
            : null;

    /// <summary>Says once, at start-up, that the Dashboard samples every second here.</summary>
    private sealed partial class DashboardIntervalNotSet(ILogger<DashboardIntervalNotSet> logger) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            Warn(logger, HostTypeName, IntervalProperty);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "This Orleans has no {HostType}.{Property}: the Dashboard reads every Orleans instrument each second, whatever Cluster:DashboardCounterIntervalMs says.")]
        private static partial void Warn(ILogger logger, string hostType, string property);
    }
}
