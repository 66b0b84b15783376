using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PingActors.Operations.Health;

/// <summary>Ready while this client reaches the cluster and the cluster has active silos.</summary>
internal sealed class ClientHealthCheck(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            var data = new Dictionary<string, object> { ["activeSilos"] = hosts.Count };
            return hosts.Count > 0
                ? HealthCheckResult.Healthy("Connected to the cluster.", data)
                : HealthCheckResult.Unhealthy("The cluster has no active silos.", data: data);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Cannot reach the cluster.", ex);
        }
    }
}
