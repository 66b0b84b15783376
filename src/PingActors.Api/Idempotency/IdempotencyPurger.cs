using PingActors.Platform;

namespace PingActors.Api.Idempotency;

/// <summary>Deletes idempotency keys past their 24 hours, once an hour.</summary>
internal sealed partial class IdempotencyPurger(IdempotencyStore store, [FromKeyedServices(DomainClock.Key)] TimeProvider clock, ILogger<IdempotencyPurger> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                var purged = await store.PurgeAsync();
                LogPurged(logger, purged);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                LogPurgeFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Count} expired idempotency keys")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not purge expired idempotency keys; will try again")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
