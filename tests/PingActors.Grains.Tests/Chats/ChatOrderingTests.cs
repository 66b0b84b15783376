using PingActors.Chats;

namespace PingActors.Grains.Tests.Chats;

[Collection(ClusterCollection.Name)]
public sealed class ChatOrderingTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public async Task PostMessage_FiftyConcurrentFromBothParticipants_TakeEachSeqExactlyOnce()
    {
        var (owner, sender, ping) = await NewPingAsync();
        var chat = Chat(ping.ChatId);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = Enumerable.Range(0, 50).Select(async i =>
        {
            await start.Task;
            return await chat.PostMessageAsync(i % 2 == 0 ? owner : sender, $"message {i}", null);
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(posts);

        Assert.All(results, r => Assert.Equal(PostMessageOutcome.Posted, r.Outcome));
        Assert.Equal(Enumerable.Range(2, 50).Select(i => (long)i), results.Select(r => r.Message!.Seq).Order());
        var stored = await chat.GetMessagesAsync(owner, 0, 100);
        Assert.Equal(Enumerable.Range(1, 51).Select(i => (long)i), stored!.Select(m => m.Seq));
        Assert.Equal(51, (await chat.GetAsync(sender))!.LastSeq);
    }

    [Fact]
    public async Task PostMessage_RepeatedClientMessageId_ReturnsTheFirstAndCreatesNothing()
    {
        var (_, sender, ping) = await NewPingAsync();
        var chat = Chat(ping.ChatId);

        var first = await chat.PostMessageAsync(sender, "Can I see it tomorrow?", "client-42");
        var retry = await chat.PostMessageAsync(sender, "Can I see it tomorrow?", "client-42");
        await Fixture.DeactivateAllAsync();
        var retryAfterReactivation = await chat.PostMessageAsync(sender, "Can I see it tomorrow?", "client-42");

        Assert.Equal(PostMessageOutcome.Posted, first.Outcome);
        Assert.Equal((PostMessageOutcome.Replayed, first.Message), (retry.Outcome, retry.Message));
        Assert.Equal((PostMessageOutcome.Replayed, first.Message), (retryAfterReactivation.Outcome, retryAfterReactivation.Message));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM messages WHERE chat_id = $1", ping.ChatId));
        var next = await chat.PostMessageAsync(sender, "Or the day after?", "client-43");
        Assert.Equal(3, next.Message!.Seq);
    }

    [Fact]
    public async Task PostMessage_SameClientMessageIdFromTheOtherParticipant_IsANewMessage()
    {
        var (owner, sender, ping) = await NewPingAsync();
        var chat = Chat(ping.ChatId);

        var fromSender = await chat.PostMessageAsync(sender, "one", "same-id");
        var fromOwner = await chat.PostMessageAsync(owner, "two", "same-id");

        Assert.Equal((PostMessageOutcome.Posted, 2L), (fromSender.Outcome, fromSender.Message!.Seq));
        Assert.Equal((PostMessageOutcome.Posted, 3L), (fromOwner.Outcome, fromOwner.Message!.Seq));
    }

    [Fact]
    public async Task GetMessages_AfterSeqWithLimit_ReturnsOnePageInOrder()
    {
        var (owner, sender, ping) = await NewPingAsync();
        var chat = Chat(ping.ChatId);
        for (var i = 0; i < 9; i++)
        {
            await chat.PostMessageAsync(i % 2 == 0 ? owner : sender, $"m{i}", null);
        }

        var page = await chat.GetMessagesAsync(sender, afterSeq: 3, limit: 4);

        Assert.Equal([4L, 5, 6, 7], page!.Select(m => m.Seq));
        Assert.Equal(["m2", "m3", "m4", "m5"], page!.Select(m => m.Text));
    }

    [Fact]
    public async Task ReadCursor_MovesForwardOnlyAndCountsUnread()
    {
        var (owner, sender, ping) = await NewPingAsync();
        var chat = Chat(ping.ChatId);
        await chat.PostMessageAsync(sender, "anyone there?", null);
        await chat.PostMessageAsync(sender, "hello?", null);

        var beforeReading = await chat.GetAsync(owner);
        var read = await chat.MarkReadAsync(owner, 2);
        var backwards = await chat.MarkReadAsync(owner, 1);
        var pastTheEnd = await chat.MarkReadAsync(owner, 4);

        Assert.Equal(3, beforeReading!.Unread);
        Assert.Equal((MarkReadOutcome.Done, new ReadReceipt(2, 1)), (read.Outcome, read.Receipt));
        Assert.Equal((MarkReadOutcome.Done, new ReadReceipt(2, 1)), (backwards.Outcome, backwards.Receipt));
        Assert.Equal(MarkReadOutcome.SeqOutOfRange, pastTheEnd.Outcome);
        Assert.Equal(0, (await chat.GetAsync(sender))!.Unread);
    }

    [Fact]
    public async Task PostingAMessage_CountsAsReadingEverythingBeforeIt()
    {
        var (owner, sender, ping) = await NewPingAsync();
        var chat = Chat(ping.ChatId);

        await chat.PostMessageAsync(owner, "Yes, still available", null);
        await chat.PostMessageAsync(owner, "Come by at six", null);

        Assert.Equal(0, (await chat.GetAsync(owner))!.Unread);
        Assert.Equal(2, (await chat.GetAsync(sender))!.Unread);
    }
}
