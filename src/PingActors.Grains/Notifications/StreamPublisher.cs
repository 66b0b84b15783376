using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PingActors.History;
using PingActors.Platform;
using PingActors.References;

namespace PingActors.Notifications;

/// <summary>
/// Hands the events of every committed batch of this silo to the notification directory. The write path only
/// queues them (and never waits: a full queue drops, and the stream's reconciliation finds the dropped events in the
/// outbox); a loop sends whatever has queued, one call per directory shard, so a busier silo sends bigger calls,
/// not more of them.
/// </summary>
internal sealed partial class StreamPublisher : IEventPublisher, IAsyncDisposable
{
    private const int Capacity = 100_000;
    private const int MaxRound = 4_096;

    private readonly Channel<StreamEvent> _queue = Channel.CreateBounded<StreamEvent>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly ILogger<StreamPublisher> _logger;
    private readonly Task _loop;

    public StreamPublisher(IGrainFactory grains, TimeProvider domainClock, ILogger<StreamPublisher> logger)
    {
        (_grains, _clock, _logger) = (grains, domainClock, logger);
        // Task.Run keeps the loop off whatever grain scheduler constructed the publisher.
        _loop = Task.Run(RunAsync);
    }

    public void Committed(IReadOnlyList<ChatWrite> writes, IReadOnlyDictionary<Guid, long> positions)
    {
        var now = _clock.GetUtcNow();
        foreach (var write in writes)
        {
            foreach (var e in write.Events)
            {
                if (positions.TryGetValue(e.EventId, out var seq) && !_queue.Writer.TryWrite(StreamItems.Of(write, e, seq, now)))
                {
                    PingActorsMetrics.RecordStreamDropped();
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var round = new List<StreamEvent>();
        while (await reader.WaitToReadAsync())
        {
            while (round.Count < MaxRound && reader.TryRead(out var e))
            {
                round.Add(e);
            }

            try
            {
                await Task.WhenAll(round.GroupBy(e => NotificationShards.Of(e.Recipient))
                    .Select(shard => _grains.Reference<INotificationDirectoryGrain>(shard.Key).PublishAsync([.. shard])));
                PingActorsMetrics.RecordStreamPublished(round.Count);
            }
            catch (Exception ex)
            {
                LogPublishFailed(ex, round.Count);
            }

            round.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Count} stream events failed; their clients catch up from the outbox.")]
    private partial void LogPublishFailed(Exception exception, int count);
}
