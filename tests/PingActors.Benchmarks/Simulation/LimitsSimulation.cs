using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PingActors.Limits;
using PingActors.LocalPostgres;
using PingActors.Testing;

namespace PingActors.Benchmarks.Simulation;

/// <summary>The same synthetic month under the flat policy and under the smart one, each on a database and a silo of its own.</summary>
internal static class LimitsSimulation
{
    private static readonly DateTimeOffset _start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    public static async Task<IReadOnlyList<SimulationResult>> RunAsync(SimulationPlan plan, ILogger logger, Action<string, double> progress)
    {
        var market = Marketplace.Draw(plan.Owners, plan.GoodSenders, plan.Spammers, plan.Seed);
        await using var server = await LocalPostgresServer.StartTemporaryAsync(logger);
        var results = new List<SimulationResult>();
        foreach (var preset in (LimitPreset[])[LimitPreset.Flat, LimitPreset.Smart])
        {
            var name = preset.ToString().ToLowerInvariant();
            var connectionString = await MigratedDatabase.CreateAsync(server.ConnectionString("postgres"), $"limits_{name}", logger);
            var clock = new FakeTimeProvider(_start);
            await using var host = await SimulationHost.StartAsync(connectionString, preset, clock);
            var run = new SimulationRun(market, host.Grains, clock, plan.Days, plan.Seed);
            var tally = await run.RunAsync(name, share => progress(name, share));
            results.Add(tally.Result!);
        }

        return results;
    }
}
