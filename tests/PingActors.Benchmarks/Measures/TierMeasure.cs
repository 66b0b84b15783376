using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Benchmarks.Tiers;
using PingActors.Users;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Cost per ping by tier, for every system in one run: each loaded at the most clients by a load generator in a
/// process of its own, while PostgreSQL's, the PingActors host's and the load generator's CPU, the WAL, the
/// transactions and the round trips are counted. Then PingActors refuses senders at their limit in rounds of the
/// same kind, as the claims measure has the seed and the legacy design do: what a refusal costs each tier.
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
            Add(context, await TierRound.RunAsync(context, sampler, system.Name, ""));
        }

        foreach (var system in context.Systems.Where(s => s.Name is SystemNames.Http or SystemNames.Orleans))
        {
            var prefix = $"at-limit-{Guid.NewGuid():N}"[..18];
            await PutAtTheLimitAsync(context, system, TierSenders.All(prefix, TierSenders.AtTheLimit));
            Add(context, await TierRound.RunAsync(context, sampler, system.Name, TierVariants.Refusals, (prefix, TierSenders.AtTheLimit)));
        }
    }

    /// <summary>Adds <paramref name="row"/> to the report and the live table.</summary>
    private void Add(MeasureContext context, TierRow row)
    {
        context.Report.Tiers.Add(row);
        Show(context, Name, row);
    }

    /// <summary>
    /// Each sender gets a daily limit of one and spends it, so that every ping of theirs after is refused by the
    /// daily limit (in memory, as a sender's 51st ping of the day is).
    /// </summary>
    private static async Task PutAtTheLimitAsync(MeasureContext context, IPingSystem system, string[] senders)
    {
        var random = new Random(senders.Length);
        foreach (var sender in senders)
        {
            await context.Host.Client.GetGrain<IUserGrain>(sender).SetDailyLimitAsync(1);
            if (await system.SendAsync(context.Workload.PickFor(sender, random)) != SendOutcome.Admitted)
            {
                throw new InvalidOperationException($"{system.Name}: {sender}'s one ping of the day was not admitted.");
            }
        }
    }

    /// <summary>A tier row in the live table.</summary>
    public static void Show(MeasureContext context, string measure, TierRow row) =>
        context.Display.Row(new DisplayRow(measure, row.Variant.Length > 0 ? $"{row.System}, {row.Variant}" : row.System,
            Invariant($"PostgreSQL {Micros(row.PostgresMicros)}, .NET {Micros(row.DotnetMicros)}{(row.AllocatedBytes is { } bytes ? $" ({bytes / 1024:N1} KB)" : "")}, load {row.LoadMicros:N0} µs"),
            row.Clients, row.P50, P99: row.P99,
            Note: Invariant($"{row.PerSecond:N0}/s; WAL {row.WalBytes:N0} B, {row.Transactions:0.00} tx, {row.RoundTrips:0.00} round trips")));

    private static string Micros(double? micros) => micros is { } value ? Invariant($"{value:N0} µs") : "—";
}
