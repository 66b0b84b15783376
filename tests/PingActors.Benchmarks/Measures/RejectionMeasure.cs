using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// The rejection path: a sender who is over the limit pings repeatedly at the most clients; rejections per second,
/// and the database round trips each one costs.
/// </summary>
internal sealed class RejectionMeasure : IMeasure
{
    public string Name => "rejection";

    public async Task RunAsync(MeasureContext context)
    {
        using var operations = new DatabaseOperations();
        foreach (var system in context.Systems)
        {
            Add(context, await MeasureAsync(context, system, operations));
        }

        // PingActors' smart rules refuse in memory too: each measured with them enforced, then the run's policy is back.
        var pingActors = context.Systems.Where(s => s.Name is SystemNames.Http or SystemNames.Orleans).ToList();
        if (pingActors.Count == 0)
        {
            return;
        }

        await using (await SmartPolicyScope.EnforceAsync(context.Host.SiloServices))
        {
            foreach (var system in pingActors)
            {
                foreach (var rule in SmartRefusals.Rules)
                {
                    var setUp = await SmartRefusals.SetUpAsync(context.Host.Client, rule);
                    Add(context, await RoundAsync(context, system, operations, rule, random => SmartRefusals.Request(setUp, context.Workload.AnyMessage(random))));
                }
            }
        }
    }

    private void Add(MeasureContext context, RejectionRow row)
    {
        context.Report.Rejection.Add(row);
        context.Display.Row(new DisplayRow(Name, row.Rule == RejectionRow.DailyRule ? row.System : $"{row.System}, {row.Rule}",
            Invariant($"{row.PerSecond:N0}/s, {row.RoundTripsPerRejection:0.0000} round trips each"),
            row.Clients, VsSeed: row.Rule == RejectionRow.DailyRule ? row.PerSecond / context.Report.SeedRejection() : null));
    }

    private static async Task<RejectionRow> MeasureAsync(MeasureContext context, IPingSystem system, DatabaseOperations operations)
    {
        var (plan, workload) = (context.Plan, context.Workload);
        var sender = $"over-{Guid.NewGuid():N}"[..24];
        if (system.Name == SystemNames.Seed)
        {
            await context.Database.ExecuteAsync("INSERT INTO seed.ping_limits_cache (username, daily_pings_sent, daily_pings_limit) VALUES ($1, 1, 1)", sender);
        }
        else if (system.Name == SystemNames.Legacy)
        {
            // The legacy design counts today's pings: one sent against a limit of one.
            await context.Database.ExecuteAsync("INSERT INTO legacy.ping_limits (username, daily_limit) VALUES ($1, 1)", sender);
            await system.SendAsync(workload.PickFor(sender, new Random(1)));
        }
        else
        {
            await SendersAtTheLimit.PutAsync(context, system, [sender]);
        }

        return await RoundAsync(context, system, operations, RejectionRow.DailyRule, random => workload.PickFor(sender, random));
    }

    /// <summary>Warms up, then measures the refusals of <paramref name="next"/>'s pings at the most clients, and the round trips they cost.</summary>
    private static async Task<RejectionRow> RoundAsync(
        MeasureContext context, IPingSystem system, DatabaseOperations operations, string rule, Func<Random, PingRequest> next)
    {
        var plan = context.Plan;
        var clients = plan.ClientCounts.Max();
        context.Display.Status($"rejection path: {system.Name}, refused by {rule}, {clients} clients");
        await Load.RunAsync(system, clients, plan.Warmup, next);
        var before = operations.OfSystem(system.Name);
        var result = await Load.RunAsync(system, clients, plan.Duration, next, context.Display.Progress);
        var roundTrips = operations.OfSystem(system.Name) - before;
        return new RejectionRow(system.Name, clients, result.RefusedPerSecond, result.Refused == 0 ? double.NaN : (double)roundTrips / result.Refused, rule);
    }
}
