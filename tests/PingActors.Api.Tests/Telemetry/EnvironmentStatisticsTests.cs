using Microsoft.Extensions.DependencyInjection;
using Orleans.Statistics;
using PingActors.Hosting;

namespace PingActors.Api.Tests.Telemetry;

/// <summary>
/// The single-node silo reports its CPU and memory to the cluster from the process, not through Orleans' event
/// listener (which turns every runtime counter on each second). The test cluster of the grain tests puts Orleans'
/// test hooks in its place, so this is checked on the API's silo.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EnvironmentStatisticsTests(ApiFixture fixture)
{
    [Fact]
    public async Task Silo_ReportsTheProcessesStatistics_ToTheCluster()
    {
        Assert.IsType<ProcessEnvironmentStatistics>(fixture.Services.GetRequiredService<IEnvironmentStatisticsProvider>());

        var management = fixture.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var reports = await management.GetRuntimeStatistics([.. hosts.Keys]);

        var report = Assert.Single(reports);
        Assert.True(
            report.EnvironmentStatistics is { RawMemoryUsageBytes: > 0, MaximumAvailableMemoryBytes: > 0, RawCpuUsagePercentage: >= 0 and <= 100 },
            $"{report.EnvironmentStatistics}");
    }
}
