using System.Diagnostics.Metrics;
using PingActors.Storage;

namespace PingActors.Benchmarks;

/// <summary>
/// Counts the database operations (round trips) this process makes, per Npgsql data source, from Npgsql's own
/// <c>db.client.operation.duration</c> instrument: one measurement per command or batch sent. PingActors' count
/// is its request-and-grain data source; its background work (event workers, expiry sweeps) has its own pool
/// and is not on the path of a ping.
/// </summary>
internal sealed class DatabaseOperations : IDisposable
{
    private const string PoolTag = "db.client.connection.pool.name";
    private readonly MeterListener _listener = new();
    private long _seed;
    private long _pingActors;

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
                if (tag.Key != PoolTag)
                {
                    continue;
                }

                if (tag.Value as string == BenchmarkDatabase.SeedPoolName)
                {
                    Interlocked.Increment(ref _seed);
                }
                else if (tag.Value as string == DataSourceNames.Foreground)
                {
                    Interlocked.Increment(ref _pingActors);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Operations of the seed's data source so far.</summary>
    public long Seed => Interlocked.Read(ref _seed);

    /// <summary>Operations of PingActors' request-and-grain data source so far.</summary>
    public long PingActors => Interlocked.Read(ref _pingActors);

    public void Dispose() => _listener.Dispose();
}
