using System.Collections.Concurrent;

namespace PingActors.Api.Insights;

/// <summary>
/// Values read from the database, kept in memory by key for <c>maxAge</c>. A missing value is read on the caller's
/// time; an older one is served as it is while one read in the background replaces it (a failed one leaves it,
/// and the next caller tries again). At most <c>capacity</c> values are kept: past it, the least recently served
/// go, down to nine tenths at once so the sort happens once per tenth of the size. A zero <c>maxAge</c> keeps
/// nothing: every caller reads.
/// </summary>
internal sealed class RecentReads<TKey, TValue>(TimeSpan maxAge, int capacity, TimeProvider clock)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private long _reads;
    private long _serves;

    /// <summary>How many reads (waited for or in the background) have been made.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    public async Task<TValue> GetAsync(TKey key, Func<CancellationToken, Task<TValue>> read, CancellationToken cancellationToken)
    {
        if (maxAge == TimeSpan.Zero)
        {
            return await ReadAsync(read, cancellationToken);
        }

        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Served(Interlocked.Increment(ref _serves));
            if (clock.GetUtcNow() - entry.ReadAt >= maxAge && entry.TryStartRefresh())
            {
                _ = RefreshAsync(key, entry, read);
            }

            return entry.Value;
        }

        var startedAt = clock.GetUtcNow();
        var value = await ReadAsync(read, cancellationToken);
        _entries[key] = new Entry(value, startedAt, Interlocked.Increment(ref _serves));
        Evict();
        return value;
    }

    private async Task RefreshAsync(TKey key, Entry stale, Func<CancellationToken, Task<TValue>> read)
    {
        try
        {
            var startedAt = clock.GetUtcNow();
            var value = await ReadAsync(read, CancellationToken.None);
            _entries.TryUpdate(key, new Entry(value, startedAt, stale.LastServed), stale);
        }
        catch (Exception)
        {
            // The old value stays and is served; the next caller starts another read.
            stale.RefreshFailed();
        }
    }

    private async Task<TValue> ReadAsync(Func<CancellationToken, Task<TValue>> read, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return await read(cancellationToken);
    }

    private void Evict()
    {
        if (_entries.Count <= capacity)
        {
            return;
        }

        var excess = _entries.Count - (capacity * 9 / 10);
        foreach (var (key, _) in _entries.OrderBy(e => e.Value.LastServed).Take(excess).ToList())
        {
            _entries.TryRemove(key, out _);
        }
    }

    /// <summary>A value, when its read started, when it was last served (as a count of serves), and whether a read to replace it runs.</summary>
    private sealed class Entry(TValue value, DateTimeOffset readAt, long servedAt)
    {
        private long _lastServed = servedAt;
        private int _refreshing;

        public TValue Value => value;

        public DateTimeOffset ReadAt => readAt;

        public long LastServed => Volatile.Read(ref _lastServed);

        public void Served(long at) => Volatile.Write(ref _lastServed, at);

        public bool TryStartRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;

        public void RefreshFailed() => Volatile.Write(ref _refreshing, 0);
    }
}
