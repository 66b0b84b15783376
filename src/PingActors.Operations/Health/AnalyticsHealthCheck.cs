using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Analytics;

namespace PingActors.Operations.Health;

/// <summary>
/// The analytics backlog, in the readiness details: the lag (age of the oldest unprocessed event, read at each probe),
/// how many wait (counted at most every <see cref="AnalyticsProcessor.CountReuse"/>, and how long ago), how fast this
/// process's worker applies them, and whether it is holding back for a saturated ping path. Degraded (still ready)
/// while the lag is over the warning.
/// </summary>
internal sealed class AnalyticsHealthCheck(AnalyticsProcessor processor, IOptions<AnalyticsOptions> options, AnalyticsWorker? worker = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        AnalyticsBacklog backlog;
        try
        {
            backlog = await processor.BacklogAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Degraded("The analytics backlog could not be read.", ex);
        }

        var data = new Dictionary<string, object>
        {
            ["lagSeconds"] = Math.Round(backlog.Lag.TotalSeconds, 3),
            ["unprocessedEvents"] = backlog.Unprocessed,
            ["unprocessedCountedSecondsAgo"] = Math.Round(backlog.CountedAgo.TotalSeconds, 1),
            ["appliedPerSecond"] = Math.Round(processor.AppliedPerSecond(), 1),
        };
        if (worker is not null)
        {
            data["holdingBack"] = worker.HoldingBack;
        }

        return backlog.Lag > options.Value.LagWarning
            ? HealthCheckResult.Degraded($"Analytics lag behind by {backlog.Lag.TotalSeconds:0} s.", data: data)
            : HealthCheckResult.Healthy("Analytics keep up.", data);
    }
}
