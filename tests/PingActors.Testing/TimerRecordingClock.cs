using System.Collections.Concurrent;
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
        await Eventually.UntilAsync(() => Task.FromResult(_dues.Count > index), patience, $"timer {index + 1} to start");
        return _dues.ElementAt(index);
    }
}
