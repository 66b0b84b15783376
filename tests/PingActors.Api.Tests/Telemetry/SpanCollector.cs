using System.Diagnostics;
using OpenTelemetry;

namespace PingActors.Api.Tests.Telemetry;

/// <summary>The spans a host's OpenTelemetry pipeline ends, kept in memory; a test waits for the one it needs.</summary>
public sealed class SpanCollector : BaseProcessor<Activity>
{
    private readonly List<Activity> _ended = [];
    private readonly List<(Func<Activity, bool> Match, TaskCompletionSource<Activity> Seen)> _awaited = [];

    public override void OnEnd(Activity data)
    {
        lock (_ended)
        {
            _ended.Add(data);
            foreach (var awaited in _awaited.Where(a => a.Match(data)))
            {
                awaited.Seen.TrySetResult(data);
            }
        }
    }

    /// <summary>Every ended span of one trace.</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId)
    {
        lock (_ended)
        {
            return [.. _ended.Where(span => span.TraceId == traceId)];
        }
    }

    /// <summary>The first ended span that matches; fails if none ends in time.</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_ended)
        {
            if (_ended.FirstOrDefault(match) is { } span)
            {
                return span;
            }

            _awaited.Add((match, seen));
        }

        return await seen.Task.WaitAsync(timeout);
    }
}
