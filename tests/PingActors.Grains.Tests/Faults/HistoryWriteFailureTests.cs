using PingActors.Chats;
using PingActors.Pings;
using PingActors.Storage;
using PingActors.Testing;

namespace PingActors.Grains.Tests.Faults;

/// <summary>
/// Every history write path (a ping, a message, a ping's answer, decline, withdrawal and expiry), with
/// PostgreSQL refusing the chat's write: the call fails, nothing of it is stored, and afterwards the grains act
/// on the chat and the allowance as they were.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HistoryWriteFailureTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public async Task SendPing_WhenItsWriteFails_SpendsNothingAndOpensNoChat()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var listing = await Fixture.NewListingAsync(owner);
        var chatId = ChatId.For(listing, sender);

        await using (await FailChatAsync(chatId))
        {
            await AssertRefusedAsync(() => SendAsync(sender, listing));
            Assert.Equal(0, (await User(sender).GetAllowanceAsync()).SentToday);
        }

        Assert.Null(await Chat(chatId).GetAsync(sender));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM pings WHERE sender = $1", sender));
        var retried = await SendAsync(sender, listing);
        Assert.Equal((SendPingOutcome.Sent, 1), (retried.Outcome, retried.Allowance.SentToday));
        Assert.Equal(1L, (await Chat(chatId).GetAsync(sender))!.LastSeq);
    }

    [Fact]
    public async Task SendPing_IntoAnExistingChat_WhenItsWriteFails_SpendsNothingAndPostsNothing()
    {
        var (_, sender, first) = await NewPingAsync();
        await Chat(first.ChatId).WithdrawAsync(sender, first.PingId);

        await using (await FailChatAsync(first.ChatId))
        {
            await AssertRefusedAsync(() => SendAsync(sender, first.ListingId));
            Assert.Equal(1, (await User(sender).GetAllowanceAsync()).SentToday);
        }

        Assert.Equal(1L, (await Chat(first.ChatId).GetAsync(sender))!.LastSeq);
        var retried = await SendAsync(sender, first.ListingId);
        Assert.Equal((SendPingOutcome.Sent, 2), (retried.Outcome, retried.Allowance.SentToday));
        Assert.Equal(2L, (await Chat(first.ChatId).GetAsync(sender))!.LastSeq);
    }

    [Fact]
    public async Task PostMessage_WhenItsWriteFails_TakesNoSeq()
    {
        var (_, sender, ping) = await NewPingAsync();

        await using (await FailChatAsync(ping.ChatId))
        {
            await AssertRefusedAsync(() => Chat(ping.ChatId).PostMessageAsync(sender, "Hello?", null));
            Assert.Equal(1L, (await Chat(ping.ChatId).GetAsync(sender))!.LastSeq);
        }

        Assert.Equal(2L, (await Chat(ping.ChatId).PostMessageAsync(sender, "Hello?", null)).Message!.Seq);
        Assert.Equal([1L, 2L], (await Chat(ping.ChatId).GetMessagesAsync(sender, 0, 10))!.Select(m => m.Seq));
    }

    [Fact]
    public async Task Respond_WhenItsWriteFails_LeavesThePingPending()
    {
        var (owner, sender, ping) = await NewPingAsync();

        await using (await FailChatAsync(ping.ChatId))
        {
            await AssertRefusedAsync(() => Chat(ping.ChatId).RespondAsync(owner, ping.PingId, "Yes!"));
            await AssertPendingAsync(sender, ping);
        }

        await AssertPendingAsync(sender, ping);
        Assert.Equal(PingActionOutcome.Done, (await Chat(ping.ChatId).RespondAsync(owner, ping.PingId, "Yes!")).Outcome);
        Assert.Equal(2L, (await Chat(ping.ChatId).GetAsync(owner))!.LastSeq);
    }

    [Fact]
    public async Task Decline_WhenItsWriteFails_LeavesThePingPending()
    {
        var (owner, sender, ping) = await NewPingAsync();

        await using (await FailChatAsync(ping.ChatId))
        {
            await AssertRefusedAsync(() => Chat(ping.ChatId).DeclineAsync(owner, ping.PingId));
            await AssertPendingAsync(sender, ping);
        }

        await AssertPendingAsync(sender, ping);
        Assert.Equal(PingActionOutcome.Done, (await Chat(ping.ChatId).DeclineAsync(owner, ping.PingId)).Outcome);
    }

    [Fact]
    public async Task Withdraw_WhenItsWriteFails_LeavesThePingPending()
    {
        var (_, sender, ping) = await NewPingAsync();

        await using (await FailChatAsync(ping.ChatId))
        {
            await AssertRefusedAsync(() => Chat(ping.ChatId).WithdrawAsync(sender, ping.PingId));
            await AssertPendingAsync(sender, ping);
        }

        await AssertPendingAsync(sender, ping);
        Assert.Equal(PingActionOutcome.Done, (await Chat(ping.ChatId).WithdrawAsync(sender, ping.PingId)).Outcome);
    }

    [Fact]
    public async Task Expire_WhenItsWriteFails_IsStoredByTheNextSweep()
    {
        var (_, _, ping) = await NewPingAsync();
        Fixture.Clock.Advance(ping.ExpiresAt - Fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        await using (await FailChatAsync(ping.ChatId))
        {
            await AssertRefusedAsync(() => Chat(ping.ChatId).ExpireDueAsync());
        }

        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM events WHERE ping_id = $1 AND event_type = 'ping.expired'", ping.PingId));
        Assert.True(await Chat(ping.ChatId).ExpireDueAsync());
        Assert.False(await Chat(ping.ChatId).ExpireDueAsync());
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM events WHERE ping_id = $1 AND event_type = 'ping.expired'", ping.PingId));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM pings WHERE ping_id = $1 AND status = 'expired'", ping.PingId));
    }

    private Task<StorageFaults> FailChatAsync(Guid chatId) => StorageFaults.FailHistoryAsync(Fixture.Database.ConnectionString, chatId);

    private static async Task AssertRefusedAsync(Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<StorageUnavailableException>(call);
        Assert.Equal(StorageFaults.SqlState, refused.SqlState);
    }

    private async Task AssertPendingAsync(string sender, Ping ping)
    {
        Assert.Equal(PingStatus.Pending, (await Chat(ping.ChatId).GetPingAsync(sender, ping.PingId))!.Status);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM pings WHERE ping_id = $1 AND status = 'pending'", ping.PingId));
    }
}
