using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using PingActors.Hosting;

namespace PingActors.Api.Tests.Telemetry;

/// <summary>
/// The Orleans Dashboard's metric reader collects Orleans' instruments at <c>Cluster:DashboardCounterIntervalMs</c>,
/// not at its own one second: each collection visits every activation of the silo.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OrleansDashboardSamplingTests(ApiFixture fixture)
{
    /// <summary>Orleans' own default, which the setting must replace.</summary>
    private const int OrleansDefaultMs = 1000;

    [Fact]
    public void DashboardReader_TheOneInTheSilosLifecycle_CollectsAtTheConfiguredInterval()
    {
        var configured = fixture.Services.GetRequiredService<IOptions<ClusterSettings>>().Value.DashboardCounterIntervalMs;
        var hostType = typeof(DashboardOptions).Assembly.GetType("Orleans.Dashboard.DashboardHost", throwOnError: true)!;
        var interval = hostType.GetProperty("ExportIntervalMilliseconds", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!;

        // The instance the silo's lifecycle starts (it builds the meter provider and its reader there).
        var participant = Assert.Single(fixture.Services.GetServices<ILifecycleParticipant<ISiloLifecycle>>(), p => p.GetType() == hostType);

        Assert.NotEqual(OrleansDefaultMs, configured);
        Assert.Equal(configured, interval.GetValue(participant));
        Assert.Same(participant, fixture.Services.GetRequiredService(hostType));
    }
}
