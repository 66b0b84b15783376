using PingActors.Chats;
using PingActors.Pings;

namespace PingActors.Grains.Tests.Pings;

[Collection(ClusterCollection.Name)]
public sealed class SendPingTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public async Task SendPing_HundredConcurrentFromOneSender_AdmitsExactlyTheDailyLimit()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var listings = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Fixture.NewListingAsync(owner)));
        await User(sender).SetDailyLimitAsync(50);
        Assert.Equal(2, Fixture.Cluster.Silos.Count);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = listings.Select(async listing =>
        {
            await start.Task;
            return await SendAsync(sender, listing);
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(sends);

        Assert.Equal(50, results.Count(r => r.Outcome == SendPingOutcome.Sent));
        Assert.Equal(50, results.Count(r => r.Outcome == SendPingOutcome.DailyLimitExceeded));
        Assert.Equal(50, await CountAsync("SELECT count(*) FROM pings WHERE sender = $1", sender));
        Assert.Equal(50, await CountAsync("SELECT count(*) FROM chats WHERE sender = $1", sender));
        Assert.Equal(50, await CountAsync("SELECT count(*) FROM messages m JOIN chats c USING (chat_id) WHERE c.sender = $1", sender));
        Assert.Equal(0, (await User(sender).GetAllowanceAsync()).Remaining);
    }

    [Fact]
    public async Task SendPing_Admitted_CreatesPingChatFirstMessageAndEvent()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var listing = await Fixture.NewListingAsync(owner);

        var result = await SendAsync(sender, listing, "  Is it still available?  ");

        var ping = result.Ping!;
        Assert.Equal(SendPingOutcome.Sent, result.Outcome);
        Assert.Equal("Is it still available?", ping.Message);
        Assert.Equal(PingStatus.Pending, ping.Status);
        Assert.Equal((sender, owner, listing), (ping.Sender, ping.Receiver, ping.ListingId));
        Assert.Equal(ChatId.For(listing, sender), ping.ChatId);
        Assert.Equal(Fixture.Clock.GetUtcNow() + TimeSpan.FromHours(72), ping.ExpiresAt);
        Assert.Equal((50, 1, 49), (result.Allowance.DailyLimit, result.Allowance.SentToday, result.Allowance.Remaining));
        // The allowance refills continuously: the one ping taken is back one fiftieth of a day later.
        Assert.Equal(Fixture.Clock.GetUtcNow() + (TimeSpan.FromHours(24) / 50), result.Allowance.ResetAt);

        var messages = await Chat(ping.ChatId).GetMessagesAsync(sender, 0, 10);
        var first = Assert.Single(messages!);
        Assert.Equal((1L, ping.MessageId, sender, ping.Message), (first.Seq, first.MessageId, first.Sender, first.Text));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM events WHERE ping_id = $1 AND event_type = 'ping.sent'", ping.PingId));
    }

    [Fact]
    public async Task SendPing_SecondPingForSameListing_ReusesTheChatOnceTheFirstIsClosed()
    {
        var (_, sender, first) = await NewPingAsync();
        await Chat(first.ChatId).WithdrawAsync(sender, first.PingId);

        var second = await SendAsync(sender, first.ListingId);

        Assert.Equal(SendPingOutcome.Sent, second.Outcome);
        Assert.Equal(first.ChatId, second.Ping!.ChatId);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM chats WHERE listing_id = $1", first.ListingId));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM messages WHERE chat_id = $1", first.ChatId));
    }

    [Fact]
    public async Task SendPing_WhilePreviousIsPending_IsRejectedWithThePendingPingAndItsExpiry()
    {
        var (_, sender, first) = await NewPingAsync();

        var second = await SendAsync(sender, first.ListingId);

        Assert.Equal(SendPingOutcome.PingAlreadyPending, second.Outcome);
        Assert.Equal(first.PingId, second.Ping!.PingId);
        Assert.Equal(first.ExpiresAt, second.RetryAt);
        Assert.Equal(1, second.Allowance.SentToday);
    }

    [Fact]
    public async Task SendPing_RetriedWithTheSamePingId_ReturnsTheFirstPingAndSpendsNothing()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var listing = await Fixture.NewListingAsync(owner);
        var send = new SendPing(Guid.NewGuid(), listing, "Hello there");

        var first = await User(sender).SendPingAsync(send);
        var retry = await User(sender).SendPingAsync(send);
        await Fixture.DeactivateAllAsync();
        var retryAfterReactivation = await User(sender).SendPingAsync(send);

        Assert.Equal(SendPingOutcome.Sent, retry.Outcome);
        Assert.Equal(first.Ping, retry.Ping);
        Assert.Equal(first.Ping, retryAfterReactivation.Ping);
        Assert.Equal(1, retryAfterReactivation.Allowance.SentToday);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM pings WHERE sender = $1", sender));
    }

    [Fact]
    public async Task SendPings_Batch_ProcessesInOrderEachAsItWouldAlone()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var open = await Fixture.NewListingAsync(owner);
        var other = await Fixture.NewListingAsync(owner);
        await User(sender).SetDailyLimitAsync(2);

        var results = await User(sender).SendPingsAsync(
        [
            new SendPing(Guid.NewGuid(), open, "first"),
            new SendPing(Guid.NewGuid(), open, "same listing again"),
            new SendPing(Guid.NewGuid(), Guid.NewGuid(), "no such listing"),
            new SendPing(Guid.NewGuid(), other, "second"),
            new SendPing(Guid.NewGuid(), Guid.NewGuid(), "over the limit"),
        ]);

        Assert.Equal(
            [SendPingOutcome.Sent, SendPingOutcome.PingAlreadyPending, SendPingOutcome.ListingNotFound, SendPingOutcome.Sent, SendPingOutcome.DailyLimitExceeded],
            results.Select(r => r.Outcome));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM pings WHERE sender = $1", sender));
    }
}
