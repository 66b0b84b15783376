using Microsoft.Extensions.Options;

namespace PingActors.History;

/// <summary>
/// How busy this silo's group-commit writer is: the share of the last second its batch slots spent writing, and
/// how many grain writes it committed in that second. Below saturation the writer rests between batches; at
/// saturation a batch is always waiting, and the share stays near 1. Background work reads it to give way.
/// </summary>
public sealed class WritePathLoad(TimeProvider clock, IOptions<GroupCommitOptions> options)
{
    private static readonly TimeSpan _window = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly List<long> _running = [];
    private readonly int _slots = options.Value.MaxConcurrentBatches;
    private long _windowStart = clock.GetTimestamp();
    private TimeSpan _current;
    private TimeSpan _previous;
    private long _currentWrites;
    private long _previousWrites;
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The busy share of the writer over the last second, from 0 (idle) to 1 (every slot always writing).</summary>
    public double Utilization
    {
        get
        {
            lock (_gate)
            {
                var now = clock.GetTimestamp();
                Roll(now);
                var busy = (_previous * PreviousCovered(now)) + _current;
                // A batch still writing counts for all of the last second it has taken.
                var secondAgo = now - Ticks(_window);
                foreach (var started in _running)
                {
                    busy += Elapsed(Math.Max(started, secondAgo), now);
                }

                return Math.Clamp(busy / (_window * _slots), 0, 1);
            }
        }
    }

    /// <summary>Grain writes committed per second, over the last second.</summary>
    public double WritesPerSecond
    {
        get
        {
            lock (_gate)
            {
                var now = clock.GetTimestamp();
                Roll(now);
                return (_previousWrites * PreviousCovered(now)) + _currentWrites;
            }
        }
    }

    /// <summary>
    /// Completes when the writer next finishes a batch (committed or not) after this call: a worker resting for want
    /// of events wakes for the ones this silo's pings have just written.
    /// </summary>
    public Task NextBatchDone()
    {
        lock (_gate)
        {
            if (_written.Task.IsCompleted)
            {
                _written = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return _written.Task;
        }
    }

    /// <summary>A batch of <paramref name="writes"/> grain writes starts; dispose the result when it is done.</summary>
    public Writing Begin(int writes)
    {
        var started = clock.GetTimestamp();
        lock (_gate)
        {
            _running.Add(started);
        }

        return new Writing(this, started, writes);
    }

    private void End(long started, int writes)
    {
        TaskCompletionSource written;
        lock (_gate)
        {
            written = _written;
            var now = clock.GetTimestamp();
            Roll(now);
            _running.Remove(started);
            _currentWrites += writes;
            _current += Elapsed(Math.Max(started, _windowStart), now);
            var previousStart = _windowStart - Ticks(_window);
            if (started < _windowStart)
            {
                _previous += Elapsed(Math.Max(started, previousStart), _windowStart);
            }
        }

        written.TrySetResult();
    }

    /// <summary>Starts a new window each second; a window with no flush ending in it leaves nothing behind.</summary>
    private void Roll(long now)
    {
        var windows = (long)(Elapsed(_windowStart, now) / _window);
        if (windows == 0)
        {
            return;
        }

        (_previous, _previousWrites) = windows == 1 ? (_current, _currentWrites) : (TimeSpan.Zero, 0);
        (_current, _currentWrites) = (TimeSpan.Zero, 0);
        _windowStart += windows * Ticks(_window);
    }

    /// <summary>The share of the previous window the last second still covers: how much of it counts.</summary>
    private double PreviousCovered(long now) => 1 - (Elapsed(_windowStart, now) / _window);

    private TimeSpan Elapsed(long from, long to) => to > from ? clock.GetElapsedTime(from, to) : TimeSpan.Zero;

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);

    /// <summary>One batch being written; disposing it records how long it took.</summary>
    public readonly struct Writing(WritePathLoad load, long started, int writes) : IDisposable
    {
        public void Dispose() => load.End(started, writes);
    }
}
