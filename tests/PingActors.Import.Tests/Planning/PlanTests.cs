using PingActors.Testing.SourceDesigns;

namespace PingActors.Import.Tests.Planning;

public sealed class PlanTests
{
    [Theory]
    [InlineData(SourceDesign.Seed, "the seed's design")]
    [InlineData(SourceDesign.Older, "the older design")]
    public async Task Plan_RecognisesTheDesign_SaysWhatAnImportWouldDo_AndChangesNothing(SourceDesign design, string recognised)
    {
        await using var databases = await ImportDatabases.CreateAsync(design, pings: 150, seed: 4);

        var (code, output) = await databases.RunAsync("--plan");

        Assert.True(code == ImportCommand.Done, output);
        Assert.Contains($"holds {recognised}", output, StringComparison.Ordinal);
        var pings = Expectations.Pings(databases).Count;
        Assert.Contains($"{pings:N0} new, 0 changed, of {pings:N0}", output, StringComparison.Ordinal);
        foreach (var reason in Expectations.LeftBehind(databases).Select(r => r.Reason).Distinct())
        {
            Assert.Contains(reason, output, StringComparison.Ordinal);
        }

        Assert.Contains("Estimated time: about", output, StringComparison.Ordinal);
        Assert.Equal(
            (0L, 0L, 0L, 0L),
            (await databases.Target.ScalarAsync<long>("SELECT count(*) FROM pingactors_import.runs"),
             await databases.Target.ScalarAsync<long>("SELECT count(*) FROM pings"),
             await databases.Target.ScalarAsync<long>("SELECT count(*) FROM chats"),
             await databases.Target.ScalarAsync<long>("SELECT count(*) FROM OrleansStorage")));
    }
}
