using System.Diagnostics.Metrics;
using PingActors.Platform;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Listens, while it lives, to the silo's own instruments in this process: how long each grain waited for its
/// history write (<c>pingactors.history.write_wait</c>), how long each batch's statement took to commit
/// (<c>pingactors.history.commit_duration</c>) and how long each batch of activating senders took to read their pings
/// (<c>pingactors.activation.load_duration</c> for users), in milliseconds.
/// </summary>
internal sealed class SiloTimings : IDisposable
{
    private const string WriteWait = "pingactors.history.write_wait";
    private const string Commit = "pingactors.history.commit_duration";
    private const string Load = "pingactors.activation.load_duration";

    private readonly MeterListener _listener = new();
    private readonly List<double> _waits = [];
    private readonly List<double> _commits = [];
    private readonly List<double> _senderLoads = [];

    public SiloTimings()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PingActorsMetrics.MeterName && instrument.Name is WriteWait or Commit or Load)
            {
                listener.EnableMeasurementEvents(instrument, instrument.Name switch { WriteWait => _waits, Commit => _commits, _ => _senderLoads });
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) =>
        {
            var list = (List<double>)state!;
            if (list == _senderLoads && !IsUser(tags))
            {
                return;
            }

            lock (list)
            {
                list.Add(value);
            }
        });
        _listener.Start();
    }

    /// <summary>The median wait for a history write, from queueing to durable.</summary>
    public double? WaitP50 => Median(_waits);

    /// <summary>The median time of a batch's statement, commit included.</summary>
    public double? CommitP50 => Median(_commits);

    /// <summary>The median time a batch of activating senders took to read their pings; null if no sender activated.</summary>
    public double? SenderLoadP50 => Median(_senderLoads);

    /// <summary>How many batches of activating senders read their pings.</summary>
    public int SenderLoads
    {
        get
        {
            lock (_senderLoads)
            {
                return _senderLoads.Count;
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private static bool IsUser(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "grain")
            {
                return tag.Value as string == "user";
            }
        }

        return false;
    }

    private static double? Median(List<double> values)
    {
        lock (values)
        {
            if (values.Count == 0)
            {
                return null;
            }

            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }
    }
}
