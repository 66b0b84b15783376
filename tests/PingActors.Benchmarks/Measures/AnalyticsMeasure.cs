using Microsoft.Extensions.DependencyInjection;
using PingActors.Analytics;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// What the analytics event workers cost the ping path: the same Orleans-client load in rounds with the workers
/// running and rounds with them held off, alternating on one warm host as the plan orders them. A round with
/// workers on first lets them apply what earlier rounds left. Each round is a steady load (running workers keep
/// up), a burst at the most clients (it saturates the ping path, so running workers hold back) and the steady load
/// again (running workers catch up on the burst meanwhile).
/// </summary>
internal sealed class AnalyticsMeasure : IMeasure
{
    public string Name => "analytics";

    public async Task RunAsync(MeasureContext context)
    {
        var clients = context.Plan.ClientCounts.Max();
        var system = new OrleansSystem(context.Host.Client);
        var workers = new AnalyticsWorkers(context.Host.SiloServices.GetRequiredService<AnalyticsProcessor>(), context);

        // The steady load is the rate a production system runs at: a third of what the burst reaches (well below
        // capacity even when the machine dips), the same in every round.
        var capacity = context.Report.Throughput.FirstOrDefault(r => r.System == SystemNames.Orleans && r.Clients == clients)?.PerSecond
            ?? (await ThroughputMeasure.ClosedLoopAsync(context, system, clients)).PerSecond;
        var rate = Math.Max(100, Math.Round(capacity / 3 / 100) * 100);
        foreach (var (workersOn, round) in context.Plan.AnalyticsRounds.Select((on, i) => (on, i + 1)))
        {
            var row = await RoundAsync(context, system, workers, round, workersOn, clients, rate);
            context.Report.Analytics.Add(row);
            context.Display.Row(new DisplayRow(Name, $"{SystemNames.Orleans}, {Label(workersOn)}", Invariant($"{row.PerSecond:N0}/s"), clients, row.P50,
                P99: row.P99, Note: Invariant($"at {rate:N0}/s p99 {row.Steady.P99:0.00} ms, after the burst {row.AfterBurst.P99:0.00} ms")));
        }
    }

    private static async Task<AnalyticsRow> RoundAsync(
        MeasureContext context, OrleansSystem system, AnalyticsWorkers workers, int round, bool workersOn, int clients, double rate)
    {
        var display = context.Display;
        await using var heldOff = workersOn ? null : await workers.HoldOffAsync();
        var (drained, drainTime) = workersOn ? await workers.DrainAsync() : (0, TimeSpan.Zero);
        display.Status("analytics: vacuuming the history, event and aggregate tables and taking a checkpoint");
        await context.Database.SettleAsync();

        display.Status(Invariant($"analytics: round {round}, {Label(workersOn)}, steady {rate:N0} pings/s"));
        var steady = await SteadyLoad.RunAsync(context, system, rate);
        var burst = await ThroughputMeasure.ClosedLoopAsync(context, system, clients);
        var unprocessed = await workers.UnprocessedAsync();

        display.Status(Invariant($"analytics: round {round}, {Label(workersOn)}, steady {rate:N0} pings/s after the burst"));
        using var watching = new CancellationTokenSource();
        var caughtUp = workersOn ? workers.WatchCatchUpAsync(watching.Token) : Task.FromResult<TimeSpan?>(null);
        var after = await SteadyLoad.RunAsync(context, system, rate);
        await watching.CancelAsync();
        var left = await workers.UnprocessedAsync();

        return new AnalyticsRow(round, workersOn, clients, steady, burst.PerSecond, burst.P50, burst.P99, unprocessed, after, await caughtUp, left, drained, drainTime);
    }

    private static string Label(bool workersOn) => workersOn ? "analytics workers on" : "analytics workers off";
}
