using PingActors.Testing.SourceDesigns;

namespace PingActors.Import.Tests.Runs;

public sealed class SecondRunTests
{
    [Fact]
    public async Task Import_RunAgainWithNothingChanged_RewritesNoRow()
    {
        await using var databases = await ImportDatabases.CreateAsync(SourceDesign.Seed, pings: 150, seed: 3);
        var (first, _) = await databases.RunAsync();
        var before = await TargetSnapshot.Versions(databases.Target.ConnectionString);
        var data = await TargetSnapshot.ReadAsync(databases.Target.ConnectionString);

        var (second, output) = await databases.RunAsync();

        Assert.Equal((ImportCommand.LeftBehind, ImportCommand.LeftBehind), (first, second));
        Assert.Equal(before, await TargetSnapshot.Versions(databases.Target.ConnectionString));
        var after = await TargetSnapshot.ReadAsync(databases.Target.ConnectionString);
        Assert.Equal(data.Where(t => !t.Key.Contains("report", StringComparison.Ordinal)), after.Where(t => !t.Key.Contains("report", StringComparison.Ordinal)));
        Assert.Equal(2, await databases.Target.ScalarAsync<long>("SELECT count(*) FROM pingactors_import.runs WHERE phase = 'done'"));
        Assert.Contains("Run 2 finished.", output, StringComparison.Ordinal);
    }
}
