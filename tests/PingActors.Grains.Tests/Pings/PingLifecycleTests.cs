using PingActors.Chats;
using PingActors.Pings;

namespace PingActors.Grains.Tests.Pings;

[Collection(ClusterCollection.Name)]
public sealed class PingLifecycleTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public async Task Respond_ByTheReceiver_AnswersThePingAndPostsTheMessage()
    {
        var (owner, _, ping) = await NewPingAsync();
        Fixture.Clock.Advance(TimeSpan.FromMinutes(95));

        var result = await Chat(ping.ChatId).RespondAsync(owner, ping.PingId, "Yes, it is!");

        var answered = result.Ping!;
        Assert.Equal(PingActionOutcome.Done, result.Outcome);
        Assert.Equal(PingStatus.Responded, answered.Status);
        Assert.Equal(Fixture.Clock.GetUtcNow(), answered.FirstResponseAt);
        Assert.Equal(Fixture.Clock.GetUtcNow(), answered.RespondedAt);
        Assert.Equal(95, answered.ResponseTimeMinutes);
        Assert.Equal("Yes, it is!", answered.ResponseMessage);
        var messages = await Chat(ping.ChatId).GetMessagesAsync(owner, 0, 10);
        Assert.Equal([(1L, ping.Sender), (2L, owner)], messages!.Select(m => (m.Seq, m.Sender)));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM events WHERE ping_id = $1 AND event_type = 'ping.responded'", ping.PingId));
    }

    [Fact]
    public async Task ReceiversFirstChatMessage_WhileThePingIsPending_CountsAsTheResponse()
    {
        var (owner, _, ping) = await NewPingAsync();
        Fixture.Clock.Advance(TimeSpan.FromMinutes(7));

        await Chat(ping.ChatId).PostMessageAsync(owner, "Hi, yes", null);

        var answered = await Chat(ping.ChatId).GetPingAsync(owner, ping.PingId);
        Assert.Equal((PingStatus.Responded, 7, "Hi, yes"), (answered!.Status, answered.ResponseTimeMinutes, answered.ResponseMessage));
    }

    [Fact]
    public async Task SendersFollowUpMessage_DoesNotAnswerThePing()
    {
        var (_, sender, ping) = await NewPingAsync();

        await Chat(ping.ChatId).PostMessageAsync(sender, "Also, is the price firm?", null);

        Assert.Equal(PingStatus.Pending, (await Chat(ping.ChatId).GetPingAsync(sender, ping.PingId))!.Status);
    }

    [Fact]
    public async Task Decline_ByTheReceiver_ClosesThePingWithoutAMessage()
    {
        var (owner, _, ping) = await NewPingAsync();
        Fixture.Clock.Advance(TimeSpan.FromMinutes(3));

        var result = await Chat(ping.ChatId).DeclineAsync(owner, ping.PingId);

        Assert.Equal(PingActionOutcome.Done, result.Outcome);
        Assert.Equal((PingStatus.Declined, 3), (result.Ping!.Status, result.Ping.ResponseTimeMinutes));
        Assert.Null(result.Ping.RespondedAt);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM messages WHERE chat_id = $1", ping.ChatId));
    }

    [Fact]
    public async Task Withdraw_BySender_ClosesThePing()
    {
        var (_, sender, ping) = await NewPingAsync();

        var result = await Chat(ping.ChatId).WithdrawAsync(sender, ping.PingId);

        Assert.Equal((PingActionOutcome.Done, PingStatus.Withdrawn), (result.Outcome, result.Ping!.Status));
        Assert.Equal("withdrawn", await Fixture.Database.ScalarAsync<string>("SELECT status FROM pings WHERE ping_id = $1", ping.PingId));
    }

    [Fact]
    public async Task ActingOnAClosedPing_IsNotPending()
    {
        var (owner, sender, ping) = await NewPingAsync();
        await Chat(ping.ChatId).WithdrawAsync(sender, ping.PingId);

        var respond = await Chat(ping.ChatId).RespondAsync(owner, ping.PingId, "too late?");
        var decline = await Chat(ping.ChatId).DeclineAsync(owner, ping.PingId);
        var withdraw = await Chat(ping.ChatId).WithdrawAsync(sender, ping.PingId);

        Assert.All([respond, decline, withdraw], r => Assert.Equal((PingActionOutcome.NotPending, PingStatus.Withdrawn), (r.Outcome, r.Ping!.Status)));
    }

    [Fact]
    public async Task OnlyTheReceiverRespondsOrDeclines_AndOnlyTheSenderWithdraws()
    {
        var (owner, sender, ping) = await NewPingAsync();
        var stranger = ClusterFixture.NewUser("stranger");
        var chat = Chat(ping.ChatId);

        PingActionResult[] refused =
        [
            await chat.RespondAsync(sender, ping.PingId, "answering myself"),
            await chat.RespondAsync(stranger, ping.PingId, "hijack"),
            await chat.DeclineAsync(sender, ping.PingId),
            await chat.DeclineAsync(stranger, ping.PingId),
            await chat.WithdrawAsync(owner, ping.PingId),
            await chat.WithdrawAsync(stranger, ping.PingId),
        ];

        Assert.All(refused, r => Assert.Equal(new PingActionResult(PingActionOutcome.NotFound, null), r));
        Assert.Equal(PingStatus.Pending, (await chat.GetPingAsync(sender, ping.PingId))!.Status);
    }

    [Fact]
    public async Task OnlyParticipants_SeeTheChat()
    {
        var (owner, sender, ping) = await NewPingAsync();
        var stranger = ClusterFixture.NewUser("stranger");
        var chat = Chat(ping.ChatId);

        Assert.NotNull(await chat.GetAsync(owner));
        Assert.NotNull(await chat.GetAsync(sender));
        Assert.Null(await chat.GetAsync(stranger));
        Assert.Null(await chat.GetMessagesAsync(stranger, 0, 10));
        Assert.Null(await chat.GetPingAsync(stranger, ping.PingId));
        Assert.Equal(PostMessageOutcome.NotFound, (await chat.PostMessageAsync(stranger, "hi", null)).Outcome);
        Assert.Equal(MarkReadOutcome.NotFound, (await chat.MarkReadAsync(stranger, 1)).Outcome);
        Assert.Null(await Fixture.Grains.GetGrain<IPingQueryGrain>(0).GetAsync(stranger, ping.PingId));
    }

    [Fact]
    public async Task PendingPingPastItsExpiry_ReadsExpiredAndIsStoredSoOnTheNextWrite()
    {
        var (_, sender, ping) = await NewPingAsync();
        var chat = Chat(ping.ChatId);

        Fixture.Clock.SetUtcNow(ping.ExpiresAt);
        var read = await chat.GetPingAsync(sender, ping.PingId);
        var storedBeforeWrite = await Fixture.Database.ScalarAsync<string>("SELECT status FROM pings WHERE ping_id = $1", ping.PingId);
        await chat.PostMessageAsync(sender, "Never mind then", null);
        var storedAfterWrite = await Fixture.Database.ScalarAsync<string>("SELECT status FROM pings WHERE ping_id = $1", ping.PingId);

        Assert.Equal(PingStatus.Expired, read!.Status);
        Assert.Equal(("pending", "expired"), (storedBeforeWrite, storedAfterWrite));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM events WHERE ping_id = $1 AND event_type = 'ping.expired'", ping.PingId));
    }

    [Fact]
    public async Task NewPingAfterTheOldOneExpired_IsAdmittedAndExpiresTheOld()
    {
        var (_, sender, ping) = await NewPingAsync();

        Fixture.Clock.SetUtcNow(ping.ExpiresAt.AddMinutes(1));
        var again = await SendAsync(sender, ping.ListingId);

        Assert.Equal(SendPingOutcome.Sent, again.Outcome);
        Assert.Equal("expired", await Fixture.Database.ScalarAsync<string>("SELECT status FROM pings WHERE ping_id = $1", ping.PingId));
    }
}
