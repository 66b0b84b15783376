using PingActors.Benchmarks.Floor;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Benchmarks.Tiers;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Cost per ping by tier, for every system in one run: each loaded at the most clients by a load generator in a
/// process of its own, while PostgreSQL's, the PingActors host's and the load generator's CPU, the WAL, the
/// transactions and the round trips are counted. Then PingActors refuses senders at their limit in rounds of the
/// same kind, as the claims measure has the seed and the legacy design do: what a refusal costs each tier. Last, the
/// floor: a minimal endpoint that calls a grain, measured the same way, against which PingActors' .NET figures are read.
/// </summary>
internal sealed class TierMeasure : IMeasure
{
    public string Name => "tiers";

    public async Task RunAsync(MeasureContext context)
    {
        using var operations = new DatabaseOperations();
        var sampler = await TierSampler.CreateAsync(context.Database.Admin, operations);
        foreach (var system in context.Systems)
        {
            Record(context, Name, await TierRound.RunAsync(context, sampler, system.Name, ""));
        }

        foreach (var system in context.Systems.Where(s => s.Name is SystemNames.Http or SystemNames.Orleans))
        {
            var prefix = $"at-limit-{Guid.NewGuid():N}"[..18];
            await SendersAtTheLimit.PutAsync(context, system, TierSenders.All(prefix, TierSenders.AtTheLimit));
            Record(context, Name, await TierRound.RunAsync(context, sampler, system.Name, TierVariants.Refusals, (prefix, TierSenders.AtTheLimit)));
        }

        // The floor: what the same rounds measure for the least a POST (or a client's call) that calls a grain costs.
        foreach (var (system, path) in new[] { (SystemNames.Http, FloorPaths.Http), (SystemNames.Orleans, FloorPaths.Orleans) })
        {
            if (context.Systems.Any(s => s.Name == system))
            {
                var pingActors = context.Report.Tiers.FirstOrDefault(r => r.System == system && r.Variant.Length == 0);
                foreach (var row in await FloorRound.RunAsync(context, path, pingActors?.PerSecond))
                {
                    context.Report.Floors.Add(row);
                    context.Display.Row(new DisplayRow(Name, row.Rate is { } rate ? Invariant($"{row.Path}, at {rate:N0}/s") : row.Path,
                        Invariant($".NET {row.DotnetMicros:N0} µs, load {row.LoadMicros:N0} µs"), row.Clients, row.P50, P99: row.P99,
                        Note: Invariant($"{row.PerSecond:N0}/s{(row.Settled ? "" : "; its host still compiled")}")));
                }
            }
        }
    }

    /// <summary>Adds a tier row to the report and shows it in the live table, under <paramref name="measure"/>.</summary>
    public static void Record(MeasureContext context, string measure, TierRow row)
    {
        context.Report.Tiers.Add(row);
        context.Display.Row(new DisplayRow(measure, row.Variant.Length > 0 ? $"{row.System}, {row.Variant}" : row.System,
            Invariant($"PostgreSQL {Micros(row.PostgresMicros)}, .NET {Micros(row.DotnetMicros)}{(row.AllocatedBytes is { } bytes ? $" ({bytes / 1024:N1} KB)" : "")}, load {row.LoadMicros:N0} µs"),
            row.Clients, row.P50, P99: row.P99,
            Note: Invariant($"{row.PerSecond:N0}/s; WAL {row.WalBytes:N0} B, {row.Transactions:0.00} tx, {row.RoundTrips:0.00} round trips")));
    }

    private static string Micros(double? micros) => micros is { } value ? Invariant($"{value:N0} µs") : "—";
}
