using System.Globalization;
using System.Text;
using PingActors.Benchmarks.Floor;
using PingActors.Benchmarks.Systems;
using PingActors.Benchmarks.Tiers;
using static System.FormattableString;

namespace PingActors.Benchmarks.Reporting;

/// <summary>The report's capacity table, its cost per ping by tier, where PingActors' .NET share of it goes and the floor it is read against, and the seed's claims against the legacy design.</summary>
internal static class TierSection
{
    public static void Append(StringBuilder md, BenchmarkReport report)
    {
        var plain = report.Tiers.Where(r => r.Variant.Length == 0).OrderBy(r => SystemNames.Order(r.System)).ToList();
        if (plain.Count > 0)
        {
            AppendCapacity(md, plain);
        }

        if (report.Tiers.Count > 0)
        {
            var ordered = report.Tiers.OrderBy(r => SystemNames.Order(r.System)).ThenBy(r => r.Variant, StringComparer.Ordinal).ToList();
            AppendTiers(md, ordered);
            AppendDotnetSplit(md, ordered.Where(r => r.DotnetSplit is not null).ToList());
        }

        if (report.Floors.Count > 0)
        {
            AppendFloor(md, report.Floors, plain);
        }

        if (report.Claims.Count > 0)
        {
            AppendClaims(md, report.Claims);
        }
    }

    private static void AppendCapacity(StringBuilder md, List<TierRow> rows)
    {
        var seed = rows.FirstOrDefault(r => r.System == SystemNames.Seed);
        md.AppendLine("## Capacity");
        md.AppendLine();
        md.AppendLine("Pings per second that one core of each tier carries at the cost measured below (1 s ÷ CPU per admitted ping). "
            + "PostgreSQL is the tier that does not scale out: its column is how far one database goes. PingActors' .NET tier "
            + "(API and silo) scales out by adding nodes. *With analytics* adds what applying each ping's analytics events costs "
            + "PostgreSQL afterwards; the seed and the legacy design have no such worker (the seed queues a job per ping that nothing "
            + "applies; the legacy design's triggers run inside the ping), so theirs is the same as without.");
        md.AppendLine();
        md.AppendLine("| system | pings/s per PostgreSQL core | vs seed | with analytics | vs seed | pings/s per .NET core | measured pings/s |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            var withAnalytics = row.AnalyticsPostgresMicros is null ? row.PerPostgresCore : row.PerPostgresCoreWithAnalytics;
            md.AppendLine(Invariant($"| {row.System} | {Number(row.PerPostgresCore)} | {Ratio(row.PerPostgresCore, seed?.PerPostgresCore)} | ")
                + Invariant($"{Number(withAnalytics)} | {Ratio(withAnalytics, seed?.PerPostgresCore)} | {Number(row.PerDotnetCore)} | {row.PerSecond:N0} |"));
        }

        md.AppendLine();
    }

    private static void AppendTiers(StringBuilder md, IEnumerable<TierRow> rows)
    {
        md.AppendLine("## Cost per ping by tier");
        md.AppendLine();
        md.AppendLine("Each system warmed up (PingActors until its host had also stopped compiling: fewer than 20 methods a second, twice in a row), then loaded for the measured run by a load generator in a process of its own. CPU from `/proc` "
            + "(PostgreSQL: every server process, exited backends included; .NET: the PingActors host process, API and silo; the load "
            + "generator's process apart). Allocated: the bytes the PingActors host's code allocated on the .NET heap (what its garbage "
            + "collector then has to clear). WAL from `pg_current_wal_lsn()`; transaction ids handed out (one per writing transaction, and one per "
            + "writing subtransaction: the seed's function has an exception block); "
            + "round trips are Npgsql's operations (commands or batches) of the process that talks to PostgreSQL: the load generator "
            + "for the seed and the legacy design, the PingActors host (all its pools, background work included) for PingActors. "
            + "Per admitted ping, or per refusal in a refusal round. PingActors' rounds start with no analytics events waiting and run with "
            + "the event workers held off, like for like with the seed (a ping writes its outbox event as the seed's queues its analytics "
            + "job); *analytics after* is what the workers then spent applying the round's events, per ping (the host's figure includes "
            + "whatever else it ran meanwhile).");
        md.AppendLine();
        md.AppendLine("| system | round | clients | per second | p50 ms | p99 ms | PostgreSQL CPU µs | .NET CPU µs | .NET allocated KB | load generator CPU µs | WAL bytes | transaction ids | round trips | analytics after: PostgreSQL µs | .NET µs |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            md.AppendLine(Invariant($"| {row.System} | {(row.Variant.Length > 0 ? row.Variant : "pings")} | {row.Clients} | {row.PerSecond:N0} | {row.P50:0.00} | {row.P99:0.00} | ")
                + Invariant($"{Number(row.PostgresMicros)} | {Number(row.DotnetMicros)} | {Kilobytes(row.AllocatedBytes)} | {row.LoadMicros:N0} | {row.WalBytes:N0} | {row.Transactions:0.00} | {row.RoundTrips:0.00} | {Number(row.AnalyticsPostgresMicros)} | {Number(row.AnalyticsDotnetMicros)} |"));
        }

        md.AppendLine();
    }

    private static void AppendDotnetSplit(StringBuilder md, List<TierRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine("## Where PingActors' .NET CPU goes");
        md.AppendLine();
        md.AppendLine("The host's CPU in each of its rounds above, per admitted ping (or refusal), by the kind of thread that spent it: each "
            + "thread's own CPU time from `/proc/self/task`, its kind from the name the runtime gives it. *Thread-pool workers* run the "
            + "work itself (Kestrel's requests, the grains' turns, Npgsql's continuations); *socket polling* is the socket engine's event "
            + "loop; *metric readers* are OpenTelemetry's periodic reader and the runtime's counter poller; *ended threads* is the "
            + "process's CPU that no live thread accounts for (idle thread-pool workers retire). Garbage collections per 1,000 "
            + "operations (a gen1 collection counts as gen0 too, a gen2 as both) and the time they paused the process, per operation.");
        md.AppendLine();
        md.AppendLine("| system | round | .NET CPU µs | garbage collector | thread-pool workers | socket polling | compiler | Orleans' threads | metric readers | other threads | ended threads | gen0 per 1,000 | gen1 | gen2 | GC pause µs |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            var split = row.DotnetSplit!;
            md.Append(Invariant($"| {row.System} | {(row.Variant.Length > 0 ? row.Variant : "pings")} | {Number(row.DotnetMicros)} |"));
            foreach (var role in Enum.GetValues<ThreadRole>())
            {
                md.Append(Invariant($" {split.Micros[role]:N0} |"));
            }

            md.AppendLine(Invariant($" {split.Gen0PerThousand:0.00} | {split.Gen1PerThousand:0.00} | {split.Gen2PerThousand:0.00} | {split.PauseMicros:N0} |"));
        }

        md.AppendLine();
    }

    private static void AppendFloor(StringBuilder md, List<FloorRow> floors, List<TierRow> plain)
    {
        md.AppendLine("## The floor: a minimal endpoint, measured the same way");
        md.AppendLine();
        md.AppendLine("What these rounds measure for the least an ASP.NET Core POST that calls a grain can cost on this machine: a host in a "
            + "process of its own with a silo in-process (server GC, logging at Warning, as PingActors' host), one endpoint that binds "
            + "the same JSON body as `POST /v1/pings`, calls an in-memory grain keyed by the sender and answers 201 with a small JSON "
            + "receipt; no authentication, no validation, no database. Through the Orleans client: the same grain call over the "
            + "gateway. The same load generator, warm-up (until the host has stopped compiling) and `/proc` readings as PingActors' "
            + "rounds above; .NET CPU is the floor host's process, per call. Each way in is loaded three times on one host: by the most "
            + "clients, as PingActors was; at the rate PingActors reached (an open loop), since a call costs more when fewer "
            + "arrive together; and by one client, for a call's latency with nothing else under way (the floor's share of a "
            + "one-client ping). The last columns set PingActors' plain round beside it: how many times the floor its .NET tier "
            + "spends on a ping.");
        md.AppendLine();
        md.AppendLine("| path | load | per second | p50 ms | p99 ms | .NET CPU µs | load generator CPU µs | PingActors' .NET CPU µs | PingActors ÷ floor |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var floor in floors)
        {
            var system = floor.Path == FloorPaths.Http ? SystemNames.Http : SystemNames.Orleans;
            var pingActors = plain.FirstOrDefault(r => r.System == system)?.DotnetMicros;
            var load = floor.Rate is { } rate ? Invariant($"{rate:N0} a second (PingActors' rate)") : floor.Clients == 1 ? "1 client" : Invariant($"{floor.Clients} clients");
            md.AppendLine(Invariant($"| {floor.Path}{(floor.Settled ? "" : " (its host still compiled)")} | {load} | {floor.PerSecond:N0} | {floor.P50:0.00} | {floor.P99:0.00} | ")
                + Invariant($"{floor.DotnetMicros:N0} | {floor.LoadMicros:N0} | {Number(pingActors)} | {Ratio(pingActors, floor.DotnetMicros)} |"));
        }

        md.AppendLine();
    }

    private static void AppendClaims(StringBuilder md, List<ClaimRow> claims)
    {
        md.AppendLine("## The seed's claims against the design it replaced");
        md.AppendLine();
        md.AppendLine("The seed's \"expected performance gains\", measured in this run against a reconstruction of the legacy design (a ping "
            + "is four calls: the limit computed from today's pings, the ping, the chat upsert, the message; analytics kept by triggers). "
            + "\"N% faster\" is read as the seed saving N% of the legacy's cost; \"overall\" also as the gain in pings per second. The analytics' cost is "
            + "a difference of rounds (with them, without them, with them again); where two rounds with them differ by more than the difference, it is "
            + "not a measurement.");
        md.AppendLine();
        md.AppendLine("| claim | figure | legacy | seed | measured | claimed | holds |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var claim in claims)
        {
            md.AppendLine(Invariant($"| {claim.Claim} | {claim.Figure} | {claim.Legacy:N2} | {claim.Seed:N2} | {claim.Measured:+0%;-0%} | {claim.Claimed:0%} | {claim.Verdict} |"));
        }

        md.AppendLine();
    }

    private static string Number(double? value) => value is { } v && !double.IsNaN(v) ? v.ToString("N0", CultureInfo.InvariantCulture) : "—";

    private static string Kilobytes(double? bytes) => bytes is { } b && !double.IsNaN(b) ? (b / 1024).ToString("N1", CultureInfo.InvariantCulture) : "—";

    private static string Ratio(double? value, double? seed) =>
        value is { } v && seed is > 0 and var s ? string.Create(CultureInfo.InvariantCulture, $"{v / s:0.0}x") : "—";
}
