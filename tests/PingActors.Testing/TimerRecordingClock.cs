using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace PingActors.Testing;

/// <summary>
/// A fake clock that records the due time of every timer started on it (a <c>Task.Delay</c> on it, a Polly pause or
/// timeout), so that a test moves it only once the code under test has begun to wait, and by as much as it waits.
/// </summary>
public sealed class TimerRecordingClock : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _dues = new();

    /// <summary>How many timers have been started on this clock.</summary>
    public int Timers => _dues.Count;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _dues.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>The due time of the timer started after the first <paramref name="index"/>, once it has been.</summary>
    /// <exception cref="TimeoutException">No such timer was started within <paramref name="patience"/>.</exception>
    public async Task<TimeSpan> TimerAsync(int index, TimeSpan patience)
    {
        await UntilAsync(() => _dues.Count > index, patience, $"timer {index + 1} to start");
        return _dues.ElementAt(index);
    }

    /// <summary>Waits, without moving this clock, until <paramref name="condition"/> holds (another thread makes it so).</summary>
    /// <exception cref="TimeoutException"><paramref name="condition"/> did not hold within <paramref name="patience"/>.</exception>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan patience, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > patience)
            {
                throw new TimeoutException($"Waited {patience.TotalSeconds:0} s for {what}.");
            }

            await Task.Yield();
        }
    }
}
