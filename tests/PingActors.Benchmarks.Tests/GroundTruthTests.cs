using PingActors.Benchmarks.GroundTruth;
using PingActors.Testing;
using Xunit.Abstractions;

namespace PingActors.Benchmarks.Tests;

/// <summary>
/// The insights against a small synthetic ground truth (150 owners, seven weeks to learn from, three held out), run
/// through the real grains, workers, sweeper and refit on PostgreSQL: every target of the issue must hold.
/// </summary>
public sealed class GroundTruthTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SmallGroundTruth_Predictions_MeetEveryTarget()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await new GroundTruthRun(GroundTruthPlan.Small(), database.ConnectionString).RunAsync();

        output.WriteLine($"{result.Pings} pings, {result.Actions} actions, {result.HeldOut} held out, in {result.Elapsed.TotalSeconds:0} s");
        foreach (var (target, measured, holds) in result.Targets)
        {
            output.WriteLine($"{(holds ? "holds" : "FAILS")}: {target}: {measured}");
        }

        foreach (var decile in result.Deciles)
        {
            output.WriteLine($"decile {decile.Decile}: {decile.Pings} pings, predicted {decile.Predicted:0.000}, observed {decile.Observed:0.000}, standard error {decile.StandardError:0.000}");
        }

        Assert.Equal(0, result.Mismatches);
        Assert.All(result.Targets, target => Assert.True(target.Holds, $"{target.Target}: {target.Measured}"));
    }
}
