using System.Diagnostics.Metrics;
using PingActors.Platform;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Listens, while it lives, to the silo's own history instruments in this process: how long each grain waited for
/// its history write (<c>pingactors.history.write_wait</c>) and how long each batch's statement took to commit
/// (<c>pingactors.history.commit_duration</c>), in milliseconds.
/// </summary>
internal sealed class HistoryWriteTimings : IDisposable
{
    private const string WriteWait = "pingactors.history.write_wait";
    private const string Commit = "pingactors.history.commit_duration";

    private readonly MeterListener _listener = new();
    private readonly List<double> _waits = [];
    private readonly List<double> _commits = [];

    public HistoryWriteTimings()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PingActorsMetrics.MeterName && instrument.Name is WriteWait or Commit)
            {
                listener.EnableMeasurementEvents(instrument, instrument.Name == WriteWait ? _waits : _commits);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, state) =>
        {
            var list = (List<double>)state!;
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

    public void Dispose() => _listener.Dispose();

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
