using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PingActors.Operations.Health;

/// <summary>Ready once this process's silo has joined the cluster and until it starts to leave.</summary>
internal sealed class SiloHealthCheck(ISiloStatusOracle membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentStatus;
        var data = new Dictionary<string, object>
        {
            ["silo"] = membership.SiloAddress.ToString(),
            ["activeSilos"] = membership.GetApproximateSiloStatuses(onlyActive: true).Count,
        };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("The silo is active in the cluster.", data)
            : HealthCheckResult.Unhealthy($"The silo is {status}.", data: data));
    }
}
