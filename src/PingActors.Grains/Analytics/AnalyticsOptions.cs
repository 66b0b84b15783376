using System.ComponentModel.DataAnnotations;

namespace PingActors.Analytics;

/// <summary>The event workers and the expiry sweeper (configuration section <c>Analytics</c>).</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>How many shards the events are split into (fixed by <c>sql/010_analytics_shards.sql</c>).</summary>
    public const int Shards = 16;

    /// <summary>Whether this silo runs an event worker. Every silo does by default; they share the events.</summary>
    public bool Workers { get; set; } = true;

    /// <summary>
    /// How long a worker rests after a batch that took every waiting event before it looks again; after one
    /// that left events waiting, the next follows at once. Under load each batch then takes the events of one
    /// rest: large enough to be cheap per event, small enough not to hold up the pings sent meanwhile.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The most events one worker transaction claims and applies. Large batches fold more events into each
    /// aggregate row and pay the statement costs less often: at 2,000 the workers keep up with a saturated
    /// ping path without slowing it measurably (see the benchmark's analytics rounds).
    /// </summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 2_000;

    /// <summary>
    /// The events are split into <see cref="Shards"/> shards by chat; one worker transaction takes at most this
    /// many of them (those with events waiting that no other worker holds, the least recently taken first) and up
    /// to <see cref="BatchSize"/> divided by this many events from each. By default a worker takes every shard
    /// that is free, so batches are as large as the events waiting allow, and the workers of several silos take
    /// turns; fewer lets them apply side by side, in smaller batches.
    /// </summary>
    [Range(1, Shards)]
    public int ShardsPerBatch { get; set; } = Shards;

    /// <summary>How long a processed event is kept before it is pruned.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a worker prunes processed events past their retention.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Above this lag (the age of the oldest unprocessed event) <c>/health/ready</c> reports Degraded.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LagWarning { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the expiry sweeper looks for pending pings past their time; a ping expires within one interval
    /// of it. Runs on the domain clock. Zero turns the sweeper off in this silo.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most due pings one sweep query returns; a sweep repeats it until none are left.</summary>
    [Range(1, 10_000)]
    public int SweepBatchSize { get; set; } = 500;
}
