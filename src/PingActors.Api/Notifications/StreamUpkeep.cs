using Microsoft.Extensions.Options;
using PingActors.Platform;
using PingActors.Users;

namespace PingActors.Api.Notifications;

/// <summary>
/// Keeps this process's streams going: heartbeats for silent connections, the periodic full check against the
/// outbox, the renewal of the directory subscriptions, and the allowance reset at midnight of the reset time zone
/// (on the domain clock), which every connection hears of as a <c>limits.changed</c> of its own.
/// </summary>
internal sealed partial class StreamUpkeep(
    StreamHub hub,
    StreamSequencer sequencer,
    AllowanceCalendar calendar,
    IOptions<StreamOptions> options,
    [FromKeyedServices(DomainClock.Key)] TimeProvider domainClock,
    ILogger<StreamUpkeep> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        return Task.WhenAll(
            EveryAsync(settings.HeartbeatInterval / 2, () =>
            {
                foreach (var connection in hub.Connections)
                {
                    connection.HeartbeatIfSilentFor(settings.HeartbeatInterval / 2);
                }

                return Task.CompletedTask;
            }, stoppingToken),
            EveryAsync(settings.ReconcileInterval, () =>
            {
                sequencer.CheckFully(hub.Connections);
                return Task.CompletedTask;
            }, stoppingToken),
            EveryAsync(settings.SubscriptionRefresh, hub.RenewSubscriptionsAsync, stoppingToken),
            ResetsAsync(stoppingToken));
    }

    private async Task EveryAsync(TimeSpan interval, Func<Task> work, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await work();
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogUpkeepFailed(ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ResetsAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = domainClock.GetUtcNow();
                var reset = calendar.ResetAfter(calendar.DayOf(now));
                await Task.Delay(reset - now, domainClock, stoppingToken);
                var day = calendar.DayOf(domainClock.GetUtcNow());
                foreach (var connection in hub.Connections)
                {
                    connection.Write(new StreamFrame.Reset(day));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of stream upkeep failed; the next one tries again.")]
    private partial void LogUpkeepFailed(Exception exception);
}
