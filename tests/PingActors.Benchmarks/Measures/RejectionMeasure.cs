using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Users;
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
            var row = await MeasureAsync(context, system, operations);
            context.Report.Rejection.Add(row);
            context.Display.Row(new DisplayRow(Name, row.System, Invariant($"{row.PerSecond:N0}/s, {row.RoundTripsPerRejection:0.0000} round trips each"),
                row.Clients, VsSeed: row.PerSecond / context.Report.SeedRejection()));
        }
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
            await context.Host.Client.GetGrain<IUserGrain>(sender).SetDailyLimitAsync(1);
            await system.SendAsync(workload.PickFor(sender, new Random(1)));
        }

        var clients = plan.ClientCounts.Max();
        context.Display.Status($"rejection path: {system.Name}, {sender} over the limit, {clients} clients");
        await Load.RunAsync(system, clients, plan.Warmup, random => workload.PickFor(sender, random));
        var before = operations.OfSystem(system.Name);
        var result = await Load.RunAsync(system, clients, plan.Duration, random => workload.PickFor(sender, random), context.Display.Progress);
        var roundTrips = operations.OfSystem(system.Name) - before;
        return new RejectionRow(system.Name, clients, result.RefusedPerSecond, result.Refused == 0 ? double.NaN : (double)roundTrips / result.Refused);
    }
}
