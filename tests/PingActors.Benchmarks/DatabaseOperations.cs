using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using PingActors.Storage;

namespace PingActors.Benchmarks;

/// <summary>
/// Counts the database operations (round trips) this process makes, per Npgsql data source, from Npgsql's own
/// <c>db.client.operation.duration</c> instrument: one measurement per command or batch sent. PingActors' ping
/// path is its request-and-grain data source; its background work (event workers, expiry sweeps) has its own
/// pool, counted apart.
/// </summary>
internal sealed class DatabaseOperations : IDisposable
{
    private const string PoolTag = "db.client.connection.pool.name";
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new();

    public DatabaseOperations()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == PoolTag && tag.Value is string pool)
                {
                    Interlocked.Increment(ref _counts.GetOrAdd(pool, _ => new StrongBox<long>()).Value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Operations of the seed's data source so far.</summary>
    public long Seed => Of(BenchmarkDatabase.SeedPoolName);

    /// <summary>Operations of the legacy design's data source so far.</summary>
    public long Legacy => Of(BenchmarkDatabase.LegacyPoolName);

    /// <summary>Operations of PingActors' ping-path data sources so far: requests and grains, the history writer, the activation loaders.</summary>
    public long PingActors => Of(DataSourceNames.Foreground) + Of(DataSourceNames.History) + Of(DataSourceNames.Loads);

    /// <summary>Operations of every PingActors data source so far, the background work's included.</summary>
    public long PingActorsAll => PingActors + Of(DataSourceNames.Background);

    /// <summary>Operations of the data source that <paramref name="system"/>'s pings go through, so far.</summary>
    public long OfSystem(string system) => system switch
    {
        Systems.SystemNames.Seed => Seed,
        Systems.SystemNames.Legacy => Legacy,
        _ => PingActors,
    };

    public void Dispose() => _listener.Dispose();

    private long Of(string pool) => _counts.TryGetValue(pool, out var count) ? Interlocked.Read(ref count.Value) : 0;
}
