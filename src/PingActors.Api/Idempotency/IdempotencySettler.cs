using System.Threading.Channels;
using PingActors.Api.Problems;

namespace PingActors.Api.Idempotency;

/// <summary>
/// Settles claimed keys: at once if the database answers, else in the background until it does. Without that,
/// a key whose release failed (the database died mid-request) stayed in flight for its whole lease, and every
/// client retry that followed <c>Retry-After</c> got 409 until then; other API processes see it free as soon as the
/// database is back. A settlement that lands late changes nothing, because it names its attempt.
/// </summary>
internal sealed partial class IdempotencySettler(IdempotencyStore store, TimeProvider time, ILogger<IdempotencySettler> logger) : BackgroundService
{
    private static readonly TimeSpan _firstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan _maxDelay = TimeSpan.FromSeconds(2);

    private readonly Channel<IdempotencySettlement> _pending = Channel.CreateUnbounded<IdempotencySettlement>();

    /// <summary>Settles now, or hands the settlement to the background when the database cannot take it. Never throws.</summary>
    public async Task SettleAsync(IdempotencySettlement settlement)
    {
        try
        {
            await settlement.ApplyAsync(store);
        }
        catch (Exception ex) when (InfrastructureFailures.IsInfrastructure(ex))
        {
            LogDeferred(logger, settlement.Kind, settlement.Key.Key, ex);
            _pending.Writer.TryWrite(settlement);
        }
        catch (Exception ex)
        {
            // A bug, not an outage: retrying cannot help, and the request's own answer stands. The key's lease ends it.
            LogFailed(logger, settlement.Kind, settlement.Key.Key, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var waiting = new List<IdempotencySettlement>();
        while (await _pending.Reader.WaitToReadAsync(stoppingToken))
        {
            var delay = _firstDelay;
            while (_pending.Reader.TryRead(out var settlement) || waiting.Count > 0)
            {
                if (settlement is not null)
                {
                    waiting.Add(settlement);
                    continue;
                }

                if (await TrySettleAllAsync(waiting))
                {
                    break;
                }

                // The database still does not answer: wait a little longer each round, never long.
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _maxDelay.Ticks));
            }
        }
    }

    /// <summary>Settles the waiting settlements in order, up to the first the database refuses; whether all were settled.</summary>
    private async Task<bool> TrySettleAllAsync(List<IdempotencySettlement> waiting)
    {
        while (waiting.Count > 0)
        {
            try
            {
                await waiting[0].ApplyAsync(store);
            }
            catch (Exception ex) when (InfrastructureFailures.IsInfrastructure(ex))
            {
                return false;
            }
            catch (Exception ex)
            {
                LogFailed(logger, waiting[0].Kind, waiting[0].Key.Key, ex);
                waiting.RemoveAt(0);
                continue;
            }

            LogSettled(logger, waiting[0].Kind, waiting[0].Key.Key);
            waiting.RemoveAt(0);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {Kind} idempotency key {Key} now; retrying in the background until the database answers")]
    private static partial void LogDeferred(ILogger logger, SettlementKind kind, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not {Kind} idempotency key {Key}; it stays claimed until its lease ends")]
    private static partial void LogFailed(ILogger logger, SettlementKind kind, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settled idempotency key {Key} ({Kind}) once the database answered")]
    private static partial void LogSettled(ILogger logger, SettlementKind kind, string key);
}
