using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PingActors.History;

namespace PingActors.Analytics;

/// <summary>
/// The event worker of one silo: it applies batches while events wait (at a pace while pings are being written),
/// then rests for the poll interval, longer and longer while it finds nothing (until this silo writes again); now
/// and then it prunes processed events past their retention. While the silo's ping path is saturated it holds back.
/// When to apply, hold back or rest is <see cref="WorkerPacing"/>'s to say. Failures are logged and retried on the
/// next round; a batch that fails applies nothing.
/// </summary>
public sealed partial class AnalyticsWorker(
    AnalyticsProcessor processor, WritePathLoad load, IOptions<AnalyticsOptions> options, TimeProvider clock, ILogger<AnalyticsWorker> logger)
    : BackgroundService
{
    private readonly WorkerPacing _pacing = new(options.Value);
    private volatile bool _holdingBack;

    /// <summary>Whether the worker is holding back for a saturated ping path right now.</summary>
    public bool HoldingBack => _holdingBack;

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
            // Taken before the round looks, so a batch this silo writes from here on cuts the rest after it short.
            var written = load.NextBatchDone();
            var found = false;
            try
            {
                while (true)
                {
                    await ReadLagAsync(stoppingToken);
                    if (HoldsBack())
                    {
                        found = true;
                        break;
                    }

                    var applied = await processor.ApplyBatchAsync(stoppingToken);
                    found |= applied.Events > 0;
                    if (!applied.MoreWaiting)
                    {
                        break;
                    }

                    var rest = _pacing.RestAfterBatch(applied.Events, load.Utilization, load.WritesPerSecond, clock.GetUtcNow());
                    if (rest > TimeSpan.Zero)
                    {
                        await Task.Delay(rest, clock, stoppingToken);
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
                await RestAsync(_pacing.RestAfterRound(found), written, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Rests <paramref name="rest"/> (never less than the poll interval, see <see cref="WorkerPacing.RestAfterRound"/>),
    /// or only the poll interval if this silo's writer finishes a batch meanwhile (its pings wrote events): a busy
    /// writer cannot make the worker look more often.
    /// </summary>
    private async Task RestAsync(TimeSpan rest, Task written, CancellationToken cancellationToken)
    {
        var poll = options.Value.PollInterval;
        await Task.Delay(poll, clock, cancellationToken);
        if (rest <= poll || written.IsCompleted)
        {
            return;
        }

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pause = Task.Delay(rest - poll, clock, wake.Token);
        await Task.WhenAny(pause, written);
        await wake.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private bool HoldsBack()
    {
        var holdsBack = _pacing.HoldsBack(load.Utilization, clock.GetUtcNow());
        if (holdsBack != _holdingBack)
        {
            _holdingBack = holdsBack;
            LogHoldingBack(holdsBack);
        }

        return holdsBack;
    }

    private async Task ReadLagAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        switch (_pacing.ReadingDue(now))
        {
            case LagReading.Backlog:
                _pacing.Observed((await processor.BacklogAsync(cancellationToken)).Lag, now, counted: true);
                break;
            case LagReading.Lag:
                _pacing.Observed(await processor.LagAsync(cancellationToken), now, counted: false);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An analytics round failed; the next one retries.")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Analytics holding back for a saturated ping path: {HoldingBack}.")]
    private partial void LogHoldingBack(bool holdingBack);
}
