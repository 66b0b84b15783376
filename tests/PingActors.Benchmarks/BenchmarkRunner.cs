using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using PingActors.Benchmarks.Measures;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Listings;

namespace PingActors.Benchmarks;

/// <summary>
/// One benchmark run: the seed's design and PingActors (over HTTP and through the Orleans client) side by side, on
/// the same PostgreSQL, with the same workload, in one process.
/// </summary>
internal sealed class BenchmarkRunner(BenchmarkPlan plan, RunDisplay display, ILogger logger)
{
    /// <summary>
    /// Every measure, in the order they run; <c>--measures</c> picks from them. Memory comes first, so that it counts
    /// the grains it activates and not what the other measures leave behind.
    /// </summary>
    public static readonly IReadOnlyList<IMeasure> Measures =
    [
        new MemoryMeasure(),
        new ThroughputMeasure(),
        new LatencyMeasure(),
        new ExactnessMeasure(),
        new RejectionMeasure(),
        new CostGrowthMeasure(),
        new AnalyticsMeasure(),
        new TierMeasure(),
        new LegacyClaimsMeasure(),
        new StreamMeasure(),
        new InsightsMeasure(),
        new InsightReadsMeasure(),
    ];

    /// <summary>Every system, in the order each measure runs them; <c>--systems</c> picks from them.</summary>
    public static readonly IReadOnlyList<SystemChoice> Systems =
    [
        new("legacy", context => new LegacySystem(context.Database.Legacy)),
        new("seed", context => new SeedSystem(context.Database.Seed)),
        new("http", context => new HttpSystem(context.Host.Http, context.Host.SigningKey, context.Workload.Users)),
        new("orleans", context => new OrleansSystem(context.Host.Client)),
    ];

    public async Task<BenchmarkReport> RunAsync(string? postgres, IReadOnlyList<string> postgresSettings, IReadOnlyDictionary<string, string?> hostSettings)
    {
        var started = Stopwatch.StartNew();
        display.Status("starting PostgreSQL (durable settings) and creating both schemas");
        await using var database = await BenchmarkDatabase.CreateAsync(postgres, postgresSettings, logger);
        // A configured server's disk may not be this machine's: only the server this run started is probed.
        var disk = database.ServerFolder is { } folder ? DiskFlushes.Measure(folder) : null;
        var report = new BenchmarkReport { StartedAt = DateTimeOffset.UtcNow, Plan = plan, Environment = Describe(database, disk), Disk = disk };

        var workload = new Workload(plan);
        display.Status("writing history: chats for the memory figure, a long chat, a long-serving user");
        var history = await new HistorySeeder(database).WriteAsync(plan, workload);
        await database.WarmLimitsAsync(workload.Users);

        display.Status("starting PingActors (API host with its silo, and an Orleans client)");
        await using (var host = await PingActorsHost.StartAsync(database.ConnectionString, hostSettings))
        {
            display.Status("registering listings");
            await Concurrently.ForEachAsync(workload.Listings, 64, listing => host.Client.GetGrain<IListingGrain>(listing.Id).RegisterAsync(listing.Owner, "A thing for sale"));

            var context = new MeasureContext(plan, display, database, host, workload, history, report, Systems);
            foreach (var measure in Measures.Where(m => plan.Measures.Contains(m.Name)))
            {
                await measure.RunAsync(context);
            }
        }

        report.Elapsed = started.Elapsed;
        return report;
    }

    /// <summary>The machine, the runtime and the server, as the report's first line.</summary>
    private static string Describe(BenchmarkDatabase database, DiskFlushes? disk) => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:0} GiB, "
        + $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, PostgreSQL {database.ServerVersion} "
        + $"(fsync and synchronous_commit on; {string.Join(", ", PostgresTuning.Settings)})")
        + (disk is null ? "" : string.Create(CultureInfo.InvariantCulture,
            $"; its data folder's disk takes {disk.BackToBackMs:0.00} ms for a synchronous 8 KB write (O_DSYNC, like a WAL flush) back to back, "
            + $"{disk.AfterIdleMs:0.00} ms after {disk.IdleMilliseconds} ms idle (medians)"));
}
