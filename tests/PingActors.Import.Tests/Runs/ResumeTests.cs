using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PingActors.Chats;
using PingActors.Testing;
using PingActors.Testing.SourceDesigns;

namespace PingActors.Import.Tests.Runs;

public sealed class ResumeTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Import_KilledMidway_ResumesWhereItStopped_AndEndsIdenticalToAnUninterruptedOne()
    {
        await using var databases = await ImportDatabases.CreateAsync(SourceDesign.Seed, pings: 600, seed: 11);
        string[] arguments = ["--from", databases.Source, "--report", databases.ReportPath, "--chunk-size", "20"];

        // The move takes the chats in id order, 20 to a chunk. An uncommitted row for the first chat of the third
        // chunk holds that chunk's insert back, so the kill lands after one or two chunks, never after the last.
        var order = Expectations.Chats(databases).Select(c => ChatId.For(c.ListingId, c.Sender)).Order(PostgresUuidOrder.Instance).ToList();
        var third = order[40];
        await using (var holder = await databases.Target.OpenAsync())
        await using (var hold = await holder.BeginTransactionAsync())
        {
            await using (var insert = new NpgsqlCommand(
                $"INSERT INTO chats (chat_id, listing_id, owner, sender, created_at, last_seq, last_message_at) VALUES ('{third}', '{Guid.NewGuid()}', 'holder.a', 'holder.b', now(), 0, now())",
                holder, hold))
            {
                await insert.ExecuteNonQueryAsync();
            }

            using var killed = SiloImport.Start(databases.Target.ConnectionString, arguments);
            await killed.WaitForOutputAsync("Moving chats, pings and messages: 20 of", _timeout);
            killed.KillHard();
            await killed.WaitForExitAsync(_timeout);
            await hold.RollbackAsync();
        }

        var chats = await databases.Target.ScalarAsync<long>("SELECT count(*) FROM pingactors_import.prep_chats");
        var (phase, checkpoint, moved) = (
            await databases.Target.ScalarAsync<string>("SELECT phase FROM pingactors_import.runs WHERE run_id = 1"),
            await databases.Target.ScalarAsync<string>("SELECT checkpoint FROM pingactors_import.runs WHERE run_id = 1"),
            await databases.Target.ScalarAsync<long>("SELECT count(*) FROM chats"));
        Assert.Equal("move", phase);
        Assert.Contains(moved, (long[])[20, 40]);
        Assert.Equal(order[(int)moved - 1].ToString(), checkpoint);

        using (var resumed = SiloImport.Start(databases.Target.ConnectionString, arguments))
        {
            Assert.Equal(ImportCommand.LeftBehind, await resumed.WaitForExitAsync(_timeout));
            Assert.Contains("Resuming run 1", resumed.Output, StringComparison.Ordinal);
            Assert.Contains($"Moving chats, pings and messages: {moved:N0} of {chats:N0} chats", resumed.Output, StringComparison.Ordinal);
        }

        var asOf = new DateTimeOffset(await databases.Target.ScalarAsync<DateTime>("SELECT as_of FROM pingactors_import.runs WHERE run_id = 1"));
        await using var uninterrupted = await TestDatabase.CreateAsync();
        var (code, _) = await databases.RunAsync(uninterrupted, new FakeTimeProvider(asOf), "--chunk-size", "20");
        Assert.Equal(ImportCommand.LeftBehind, code);
        Assert.Equal(await TargetSnapshot.ReadAsync(uninterrupted.ConnectionString), await TargetSnapshot.ReadAsync(databases.Target.ConnectionString));
    }
}
