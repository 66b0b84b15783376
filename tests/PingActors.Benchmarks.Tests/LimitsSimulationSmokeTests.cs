using Microsoft.Extensions.Logging.Abstractions;
using PingActors.Benchmarks.Simulation;

namespace PingActors.Benchmarks.Tests;

/// <summary>The limits simulation, small and short: it runs both policies through the real grains and counts what they did.</summary>
public sealed class LimitsSimulationSmokeTests
{
    [Fact]
    public async Task SmokeRun_UnderBothPolicies_CountsEveryAttempt_AndTheSmartOneStopsMoreSpam()
    {
        var results = await LimitsSimulation.RunAsync(SimulationPlan.Smoke, NullLogger.Instance, (_, _) => { });

        Assert.Equal(["flat", "smart"], results.Select(r => r.Policy));
        var (flat, smart) = (results[0], results[1]);
        Assert.Equal(flat.SpamAttempts, smart.SpamAttempts); // the same marketplace, the same attempts
        Assert.Equal(flat.GoodAttempts, smart.GoodAttempts);
        Assert.All(results, r => Assert.True(r.Sent > 0 && r.Answered > 0 && r.Answered <= r.Sent, $"{r.Policy}: {r.Answered} of {r.Sent}"));
        Assert.True(smart.SpamStopped > flat.SpamStopped, $"spam stopped: smart {smart.SpamStopped}, flat {flat.SpamStopped}");
        Assert.True(smart.SpamSent < flat.SpamSent, $"spam sent: smart {smart.SpamSent}, flat {flat.SpamSent}");
    }
}
