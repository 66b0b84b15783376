using System.ComponentModel.DataAnnotations;

namespace PingActors.Analytics;

/// <summary>The event workers (configuration section <c>Analytics</c>).</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>How many shards the events are split into (fixed by <c>sql/010_analytics_shards.sql</c>).</summary>
    public const int Shards = 16;

    /// <summary>Whether this silo runs an event worker. Every silo does by default; they share the events.</summary>
    public bool Workers { get; set; } = true;

    /// <summary>
    /// How long a worker rests after a batch that took every waiting event before it looks again (a look finds
    /// nothing without writing anything). After a batch that left events waiting, see <see cref="CatchUpPace"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest a worker rests while its looks find nothing: after each empty look it rests twice as long as
    /// before, from <see cref="PollInterval"/> up to this, and it wakes early (after <see cref="PollInterval"/>)
    /// once this silo's writer has written. Every look is a transaction, so an idle silo asks the database for
    /// about one a second rather than twenty; events its own pings write are applied as soon as before, and those
    /// another silo writes wait at most this long when that silo runs no worker of its own.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most events one worker transaction applies. Small batches keep each transaction short, so
    /// the pings written meanwhile hardly wait behind it; at saturation the workers hold back anyway
    /// (<see cref="MaxDeferral"/>).
    /// </summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// The events are split into <see cref="Shards"/> shards by chat; one worker transaction takes at most this
    /// many of them (those with events waiting that no other worker holds, the least recently taken first) and up
    /// to <see cref="BatchSize"/> divided by this many events from each. By default a worker takes every shard
    /// that is free, so batches are as large as the events waiting allow, and the workers of several silos take
    /// turns; fewer lets them apply side by side, in smaller batches.
    /// </summary>
    [Range(1, Shards)]
    public int ShardsPerBatch { get; set; } = Shards;

    /// <summary>
    /// How long the workers may hold back while the ping path is saturated (its group-commit writer busy at
    /// least <see cref="YieldAbove"/> of the time): they apply nothing then, unless the oldest waiting event is
    /// older than this, so analytics take nothing from pings at peak load and catch up after it. Under a
    /// saturation that lasts longer the lag stays about this long. Zero: never hold back.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxDeferral { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The busy share of the silo's group-commit writer (over the last second) from which the workers hold back.</summary>
    [Range(0.5, 1.0)]
    public double YieldAbove { get; set; } = 0.9;

    /// <summary>
    /// How fast a worker with a backlog (after a peak, say) catches up while pings are being written: this many
    /// times the rate its silo writes them, and at least a batch a second. Close to what keeping up costs, so
    /// the pings sent meanwhile do not feel it; on an idle path, and for overdue events, it goes flat out.
    /// </summary>
    [Range(1.1, 100.0)]
    public double CatchUpPace { get; set; } = 1.25;

    /// <summary>How long a processed event is kept before it is pruned.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a worker prunes processed events past their retention.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Above this lag (the age of the oldest unprocessed event) <c>/health/ready</c> reports Degraded.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LagWarning { get; set; } = TimeSpan.FromMinutes(5);
}
