using PingActors.Testing.SourceDesigns;

namespace PingActors.Import.Tests.Verifying;

public sealed class VerifyTests
{
    [Theory]
    [InlineData(SourceDesign.Seed)]
    [InlineData(SourceDesign.Older)]
    public async Task Verify_RightAfterAnImport_FindsNoDifference(SourceDesign design)
    {
        await using var databases = await ImportDatabases.CreateAsync(design, pings: 150, seed: 9);
        await databases.RunAsync();

        var (code, output) = await databases.RunAsync("--verify", "--sample", "all");

        Assert.True(code == ImportCommand.Done, output);
        Assert.Contains("No differences", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FindsRowsChangedBehindItsBack_AndListsEach()
    {
        await using var databases = await ImportDatabases.CreateAsync(SourceDesign.Seed, pings: 150, seed: 9);
        await databases.RunAsync();
        var responded = Expectations.Pings(databases).First(p => p.Status == "responded");
        var chat = Expectations.Chats(databases).First(c => c.Messages.Count > 2);
        var chatId = PingActors.Chats.ChatId.For(chat.ListingId, chat.Sender);
        await using (var connection = await databases.Target.OpenAsync())
        await using (var tamper = new Npgsql.NpgsqlCommand($"""
            UPDATE pings SET status = 'declined' WHERE ping_id = '{responded.PingId}';
            UPDATE messages SET body = 'changed behind its back' WHERE chat_id = '{chatId}' AND seq = 2;
            DELETE FROM messages WHERE chat_id = '{chatId}' AND seq = 3;
            """, connection))
        {
            await tamper.ExecuteNonQueryAsync();
        }

        var (code, output) = await databases.RunAsync("--verify", "--sample", "all");

        Assert.True(code == ImportCommand.Differences, output);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("counts: pings declined:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("counts: pings responded:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("counts: messages:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"pings: {responded.PingId}:", StringComparison.Ordinal) && l.Contains("declined", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"messages: chat {chatId} seq 2:", StringComparison.Ordinal) && l.Contains("changed behind its back", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"messages: chat {chatId} seq 3:", StringComparison.Ordinal) && l.Contains("no such message", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"chats: {chatId}:", StringComparison.Ordinal) && l.Contains($"{chat.Messages.Count - 1} messages", StringComparison.Ordinal));
        Assert.Contains("7 differences", output, StringComparison.Ordinal);
    }
}
