using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PingActors.Platform;

namespace PingActors.Insights;

/// <summary>
/// Owners' summaries for the answers to pings, from memory: a ping's answer never waits for the database. An
/// owner this process has no figures for is queued and read in the background together with every other owner
/// queued meanwhile (one query per batch), and gets no summary until then; figures older than
/// <see cref="InsightOptions.SummaryMaxAge"/> are served and read again the same way. The summary is computed from
/// the figures with the current population model, and says when the figures were read. At most
/// <see cref="InsightOptions.SummaryCacheSize"/> owners are kept; the least recently served go first.
/// </summary>
public sealed partial class OwnerSummaryCache(
    InsightQueries queries,
    InsightModelSource models,
    IOptions<InsightOptions> options,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    ILogger<OwnerSummaryCache> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _queued = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;
    private long _reads;

    /// <summary>How many background reads (one query each) this cache has made.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>How many owners' figures are in memory.</summary>
    public int Count => _entries.Count;

    /// <summary>The owner's summary if this process has their figures (queuing a read if they are missing or old); never waits.</summary>
    public OwnerSummary? TryGet(string owner)
    {
        if (!_entries.TryGetValue(owner, out var entry))
        {
            Queue(owner);
            return null;
        }

        entry.Served(Environment.TickCount64);
        if (clock.GetUtcNow() - entry.ReadAt >= options.Value.SummaryMaxAge)
        {
            Queue(owner);
        }

        if (models.Current is not { } model)
        {
            return null;
        }

        return entry.SummaryFor(model, queries.Predictor);
    }

    /// <summary>Reads the figures of <paramref name="owners"/> now (the background does the same for queued owners).</summary>
    public async Task LoadAsync(IReadOnlyCollection<string> owners, CancellationToken cancellationToken = default)
    {
        await models.GetAsync(cancellationToken);
        var readAt = clock.GetUtcNow();
        var found = (await queries.ReadOwnersAsync(owners, cancellationToken)).ToDictionary(f => f.Username, StringComparer.Ordinal);
        Interlocked.Increment(ref _reads);
        foreach (var owner in owners)
        {
            _entries[owner] = new Entry(found.GetValueOrDefault(owner) ?? OwnerFigures.None(owner), readAt, Environment.TickCount64);
        }

        Evict();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _queue.Writer.TryComplete();
        if (_reader is { } reader)
        {
            await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private void Queue(string owner)
    {
        if (_queued.TryAdd(owner, true))
        {
            _queue.Writer.TryWrite(owner);
        }

        if (_reader is null && Interlocked.CompareExchange(ref _reader, Task.CompletedTask, null) is null)
        {
            _reader = Task.Run(ReadQueuedAsync);
        }
    }

    private async Task ReadQueuedAsync()
    {
        var batch = new List<string>();
        while (await _queue.Reader.WaitToReadAsync(_stop.Token))
        {
            while (batch.Count < options.Value.SummaryBatchSize && _queue.Reader.TryRead(out var owner))
            {
                batch.Add(owner);
            }

            try
            {
                await LoadAsync(batch, _stop.Token);
            }
            catch (Exception ex) when (!_stop.IsCancellationRequested)
            {
                LogReadFailed(ex, batch.Count);
            }
            finally
            {
                foreach (var owner in batch)
                {
                    _queued.TryRemove(owner, out _);
                }

                batch.Clear();
            }
        }
    }

    private void Evict()
    {
        var capacity = options.Value.SummaryCacheSize;
        if (_entries.Count <= capacity)
        {
            return;
        }

        // Down to nine tenths at once, so a full cache is sorted once per tenth of its size, not per owner.
        var excess = _entries.Count - (capacity * 9 / 10);
        foreach (var (owner, _) in _entries.OrderBy(e => e.Value.LastServed).Take(excess).ToList())
        {
            _entries.TryRemove(owner, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the figures of {Owners} owners for ping answers failed; they are read again when next asked for.")]
    private partial void LogReadFailed(Exception exception, int owners);

    /// <summary>An owner's figures, when they were read, when they were last served, and their summary under the last model used.</summary>
    private sealed class Entry(OwnerFigures figures, DateTimeOffset readAt, long servedAt)
    {
        private long _lastServed = servedAt;
        private Tuple<long, OwnerSummary>? _summary;

        public DateTimeOffset ReadAt => readAt;

        public long LastServed => Volatile.Read(ref _lastServed);

        public void Served(long at) => Volatile.Write(ref _lastServed, at);

        public OwnerSummary SummaryFor(InsightModel model, InsightPredictor predictor)
        {
            // Replaced whole, so a reader on another thread sees one summary or the other, never a mix.
            if (Volatile.Read(ref _summary) is { } cached && cached.Item1 == model.Version)
            {
                return cached.Item2;
            }

            var summary = predictor.Summary(figures, model, readAt);
            Volatile.Write(ref _summary, Tuple.Create(model.Version, summary));
            return summary;
        }
    }
}
