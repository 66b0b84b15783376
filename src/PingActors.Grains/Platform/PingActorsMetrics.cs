using System.Diagnostics.Metrics;

namespace PingActors.Platform;

/// <summary>The silo's own instruments, under the meter <c>PingActors</c>.</summary>
public static class PingActorsMetrics
{
    public const string MeterName = "PingActors";

    private static readonly Meter _meter = new(MeterName);
    private static readonly Histogram<int> _batchSize = _meter.CreateHistogram<int>(
        "pingactors.history.batch_size", "{write}", "Grain writes carried by one history transaction.");
    private static readonly Histogram<double> _commitDuration = _meter.CreateHistogram<double>(
        "pingactors.history.commit_duration", "ms", "Time to commit one history transaction.");
    private static readonly Histogram<double> _writeWait = _meter.CreateHistogram<double>(
        "pingactors.history.write_wait", "ms", "Time a grain waits for its history write to be durable (queueing included).");
    private static readonly Histogram<double> _loadDuration = _meter.CreateHistogram<double>(
        "pingactors.activation.load_duration", "ms", "Time to read the rows one batch of activating grains is rebuilt from, by the grains' kind.");
    private static readonly Counter<long> _pingsSent = _meter.CreateCounter<long>(
        "pingactors.pings.sent", "{ping}", "Pings admitted and durable.");
    private static readonly Counter<long> _pingsRejected = _meter.CreateCounter<long>(
        "pingactors.pings.rejected", "{ping}", "Pings refused, by reason and by the limit that refused them.");
    private static readonly Counter<long> _shadowRefusals = _meter.CreateCounter<long>(
        "pingactors.limits.shadow_refusals", "{ping}",
        "Pings the policy in shadow would have refused, by the limit that would have, and whether the enforced policy refused them too.");

    private static readonly Counter<long> _eventsApplied = _meter.CreateCounter<long>(
        "pingactors.analytics.events_applied", "{event}", "Outbox events folded into the aggregates by this process's worker.");
    private static readonly Counter<long> _pingsExpired = _meter.CreateCounter<long>(
        "pingactors.expiry.expired", "{ping}", "Pings the expiry sweeper expired.");
    private static readonly Counter<long> _sweeps = _meter.CreateCounter<long>(
        "pingactors.expiry.sweeps", "{sweep}", "Expiry sweeps this process ran.");
    private static readonly Counter<long> _streamPublished = _meter.CreateCounter<long>(
        "pingactors.stream.published", "{event}", "Committed events this silo handed to the notification directory.");
    private static readonly Counter<long> _streamDropped = _meter.CreateCounter<long>(
        "pingactors.stream.dropped", "{event}", "Committed events this silo could not queue for the directory (clients catch up from the outbox).");
    private static double _lagSeconds;
    private static long _unprocessed;

    static PingActorsMetrics()
    {
        _meter.CreateObservableGauge("pingactors.analytics.lag", () => Volatile.Read(ref _lagSeconds), "s",
            "Age of the oldest unprocessed outbox event, as last seen by this process's worker.");
        _meter.CreateObservableGauge("pingactors.analytics.unprocessed", () => Volatile.Read(ref _unprocessed), "{event}",
            "Outbox events waiting for a worker, as last seen by this process's worker.");
    }

    internal static void RecordCommit(int writes, TimeSpan duration)
    {
        _batchSize.Record(writes);
        _commitDuration.Record(duration.TotalMilliseconds);
    }

    internal static void RecordWriteWait(TimeSpan duration) => _writeWait.Record(duration.TotalMilliseconds);

    /// <summary>One batch of activations read (<paramref name="grain"/>: <c>user</c>, <c>owner</c> or <c>chat</c>), whether or not the read succeeded.</summary>
    internal static void RecordLoad(string grain, TimeSpan duration) =>
        _loadDuration.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>("grain", grain));

    internal static void RecordSent() => _pingsSent.Add(1);

    internal static void RecordEventsApplied(int count) => _eventsApplied.Add(count);

    internal static void RecordSweep(int expired)
    {
        _sweeps.Add(1);
        _pingsExpired.Add(expired);
    }

    internal static void RecordBacklog(TimeSpan lag, long unprocessed)
    {
        RecordLag(lag);
        Volatile.Write(ref _unprocessed, unprocessed);
    }

    internal static void RecordLag(TimeSpan lag) => Volatile.Write(ref _lagSeconds, lag.TotalSeconds);

    internal static void RecordStreamPublished(int count) => _streamPublished.Add(count);

    internal static void RecordStreamDropped() => _streamDropped.Add(1);

    internal static void RecordRejected(string reason, string? limit) =>
        _pingsRejected.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("limit", limit ?? "none"));

    internal static void RecordShadowRefusal(string? limit, bool enforcedRefused)
    {
        if (limit is not null)
        {
            _shadowRefusals.Add(1, new KeyValuePair<string, object?>("limit", limit), new KeyValuePair<string, object?>("enforced_refused", enforcedRefused));
        }
    }
}
