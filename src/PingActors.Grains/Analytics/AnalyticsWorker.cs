using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PingActors.History;

namespace PingActors.Analytics;

/// <summary>
/// The event worker of one silo: it applies batches while events wait (at a pace while pings are being written),
/// then rests for the poll interval; now and then it prunes processed events past their retention. While
/// the silo's ping path is saturated it holds back (see <see cref="AnalyticsOptions.MaxDeferral"/>). Failures are
/// logged and retried on the next round; a batch that fails applies nothing.
/// </summary>
internal sealed partial class AnalyticsWorker(
    AnalyticsProcessor processor, WritePathLoad load, IOptions<AnalyticsOptions> options, TimeProvider clock, ILogger<AnalyticsWorker> logger)
    : BackgroundService
{
    /// <summary>Below this busy share of the group-commit writer the ping path counts as idle.</summary>
    private const double IdleBelow = 0.05;

    private static readonly TimeSpan _lagRefresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan _countRefresh = TimeSpan.FromSeconds(10);

    private TimeSpan _lag;
    private DateTimeOffset _lagReadAt = DateTimeOffset.MinValue;
    private DateTimeOffset _countReadAt = DateTimeOffset.MinValue;
    private bool _holdingBack;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Workers)
        {
            return;
        }

        var nextPrune = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (true)
                {
                    await ReadLagAsync(stoppingToken);
                    if (HoldsBack())
                    {
                        break;
                    }

                    var applied = await processor.ApplyBatchAsync(stoppingToken);
                    if (!applied.MoreWaiting)
                    {
                        break;
                    }

                    // More waiting: straight on if the path is idle or the events are overdue, else at a pace.
                    if (PingsFlowing() && !Overdue())
                    {
                        await Task.Delay(CatchUpRest(applied.Events), clock, stoppingToken);
                    }
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

    /// <summary>
    /// Whether to leave the waiting events for now: the ping path is saturated and they are not overdue. At the
    /// limit the worker applies until they are no longer overdue, so a long saturation keeps the lag about
    /// <see cref="AnalyticsOptions.MaxDeferral"/>.
    /// </summary>
    private bool HoldsBack()
    {
        var holdsBack = options.Value.MaxDeferral > TimeSpan.Zero && load.Utilization >= options.Value.YieldAbove && !Overdue();
        if (holdsBack != _holdingBack)
        {
            _holdingBack = holdsBack;
            LogHoldingBack(holdsBack, _lag.TotalSeconds);
        }

        return holdsBack;
    }

    /// <summary>Whether the oldest waiting event has waited the deferral (by the last lag reading plus the time since).</summary>
    private bool Overdue() => _lag + (clock.GetUtcNow() - _lagReadAt) >= options.Value.MaxDeferral;

    /// <summary>
    /// Whether pings are being written: then a worker with a backlog catches up at a pace instead of taking a core
    /// from them (<see cref="CatchUpRest"/>). On an idle path it applies back to back.
    /// </summary>
    private bool PingsFlowing() => load.Utilization >= IdleBelow;

    /// <summary>
    /// The rest after a batch of <paramref name="events"/> that keeps a catching-up worker at
    /// <see cref="AnalyticsOptions.CatchUpPace"/> times the rate pings are being written (at least a batch a
    /// second): close to what keeping up costs, so the pings sent meanwhile do not feel it.
    /// </summary>
    private TimeSpan CatchUpRest(int events)
    {
        var settings = options.Value;
        var perSecond = Math.Max(settings.CatchUpPace * load.WritesPerSecond, settings.BatchSize);
        return TimeSpan.FromSeconds(events / perSecond);
    }

    /// <summary>
    /// Reads the lag at most once a second (a few index probes), and the count of waiting events, which is not
    /// free over a long backlog, once every ten.
    /// </summary>
    private async Task ReadLagAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now >= _countReadAt + _countRefresh)
        {
            _lag = (await processor.BacklogAsync(cancellationToken)).Lag;
            (_lagReadAt, _countReadAt) = (now, now);
        }
        else if (now >= _lagReadAt + _lagRefresh)
        {
            _lag = await processor.LagAsync(cancellationToken);
            _lagReadAt = now;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An analytics round failed; the next one retries.")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Analytics holding back for a saturated ping path: {HoldingBack} (lag {LagSeconds:0.0} s).")]
    private partial void LogHoldingBack(bool holdingBack, double lagSeconds);
}
