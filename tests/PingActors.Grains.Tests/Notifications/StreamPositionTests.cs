using Npgsql;
using PingActors.Chats;

namespace PingActors.Grains.Tests.Notifications;

/// <summary>
/// The positions events take in the stream: unique, in commit order (a snapshot that sees a position sees every
/// lower one), and written with the change they record, for the user they concern.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StreamPositionTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public async Task Positions_OfBatchesCommittingOnBothSilos_NeverAppearBelowOneAlreadySeen()
    {
        var owner = ClusterFixture.NewUser("owner");
        var listings = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Fixture.NewListingAsync(owner)));
        var senders = Enumerable.Range(0, 40).Select(_ => ClusterFixture.NewUser("sender")).ToList();

        // In each wave, every sender pings while the test looks: the clock, and how many events at or below it
        // that snapshot sees. Any event that commits later must be above every clock seen before.
        var looks = new List<(long Clock, long Seen)>();
        await using (var connection = await Fixture.Database.OpenAsync())
        {
            foreach (var listing in listings)
            {
                var wave = Task.WhenAll(senders.Select(sender => SendAsync(sender, listing)));
                await using (var look = new NpgsqlCommand(
                    "SELECT c.seq, (SELECT count(*) FROM events e WHERE e.seq <= c.seq) FROM stream_clock c", connection))
                {
                    await using var reader = await look.ExecuteReaderAsync();
                    await reader.ReadAsync();
                    looks.Add((reader.GetInt64(0), reader.GetInt64(1)));
                }

                await wave;
            }
        }

        foreach (var (clock, seen) in looks)
        {
            Assert.Equal(seen, await CountAsync("SELECT count(*) FROM events WHERE seq <= $1", clock));
        }

        Assert.Equal(await CountAsync("SELECT count(*) FROM events"), await CountAsync("SELECT count(DISTINCT seq) FROM events"));
        Assert.Equal(await CountAsync("SELECT max(seq) FROM events"), await CountAsync("SELECT seq FROM stream_clock"));
    }

    [Fact]
    public async Task MarkRead_WritesTheCursorWithAChatReadEvent_ForTheOtherParticipant()
    {
        var (owner, sender, ping) = await NewPingAsync();
        await Chat(ping.ChatId).PostMessageAsync(owner, "Yes, still here", null);

        var receipt = await Chat(ping.ChatId).MarkReadAsync(sender, 2);
        await Chat(ping.ChatId).MarkReadAsync(sender, 1);

        Assert.Equal(new ReadReceipt(2, 0), receipt.Receipt);
        Assert.Equal(2L, await CountAsync("SELECT sender_read_seq FROM chats WHERE chat_id = $1", ping.ChatId));
        Assert.Equal(1L, await CountAsync(
            "SELECT count(*) FROM events WHERE chat_id = $1 AND event_type = 'chat.read' AND actor = $2 AND recipient = $3 AND message_seq = 2",
            ping.ChatId, sender, owner));
    }

    [Fact]
    public async Task SetDailyLimit_WritesTheLimitWithALimitsChangedEvent_AndOnlyWhenItChanges()
    {
        var user = ClusterFixture.NewUser();

        await User(user).SetDailyLimitAsync(9);
        await User(user).SetDailyLimitAsync(9);
        await Fixture.DeactivateAllAsync();

        Assert.Equal(9, (await User(user).GetAllowanceAsync()).DailyLimit);
        Assert.Equal(9L, await CountAsync("SELECT daily_limit::bigint FROM user_limits WHERE username = $1", user));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM events WHERE recipient = $1 AND event_type = 'limits.changed' AND chat_id IS NULL", user));
    }
}
