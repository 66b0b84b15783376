using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PingActors.Analytics;

/// <summary>
/// The event worker of one silo: it applies batches while more events wait in the shards they took, then rests for the poll interval;
/// now and then it prunes processed events past their retention. Failures are logged and retried on the next
/// round; a batch that fails applies nothing.
/// </summary>
internal sealed partial class AnalyticsWorker(
    AnalyticsProcessor processor, IOptions<AnalyticsOptions> options, TimeProvider clock, ILogger<AnalyticsWorker> logger) : BackgroundService
{
    private static readonly TimeSpan _backlogRefresh = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Workers)
        {
            return;
        }

        var nextPrune = clock.GetUtcNow();
        var nextBacklog = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while ((await processor.ApplyBatchAsync(stoppingToken)).MoreWaiting)
                {
                }

                // The lag metrics need no more than a reading a second; a count over a long backlog (while a rebuild
                // holds the workers off, say) is not free.
                if (clock.GetUtcNow() >= nextBacklog)
                {
                    await processor.BacklogAsync(stoppingToken);
                    nextBacklog = clock.GetUtcNow() + _backlogRefresh;
                }

                if (clock.GetUtcNow() >= nextPrune)
                {
                    await processor.PruneAsync(stoppingToken);
                    nextPrune = clock.GetUtcNow() + settings.PruneInterval;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(ex);
            }

            try
            {
                await Task.Delay(settings.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An analytics round failed; the next one retries.")]
    private partial void LogRoundFailed(Exception exception);
}
