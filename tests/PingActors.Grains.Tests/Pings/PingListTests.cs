using PingActors.Chats;
using PingActors.Paging;
using PingActors.Pings;

namespace PingActors.Grains.Tests.Pings;

[Collection(ClusterCollection.Name)]
public sealed class PingListTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    private IPingQueryGrain Queries => Fixture.Grains.GetGrain<IPingQueryGrain>(0);

    [Fact]
    public async Task SentPings_ArePagedNewestFirstWithoutGapsOrRepeats()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var sent = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            sent.Add((await SendAsync(sender, await Fixture.NewListingAsync(owner))).Ping!.PingId);
            Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var seen = new List<Guid>();
        PageCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await Queries.ListAsync(sender, new PingListQuery(PingBox.Sent, null, 3, cursor));
            seen.AddRange(page.Items.Select(p => p.PingId));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(sent), seen);
    }

    [Fact]
    public async Task ReceivedPings_FilteredByStatus_ListOnlyThatStatus()
    {
        var owner = ClusterFixture.NewUser("owner");
        var pings = new List<Ping>();
        for (var i = 0; i < 4; i++)
        {
            pings.Add((await SendAsync(ClusterFixture.NewUser("sender"), await Fixture.NewListingAsync(owner))).Ping!);
            Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await Chat(pings[0].ChatId).DeclineAsync(owner, pings[0].PingId);
        await Chat(pings[1].ChatId).RespondAsync(owner, pings[1].PingId, "yes");

        var pending = await Queries.ListAsync(owner, new PingListQuery(PingBox.Received, PingStatus.Pending, 10, null));
        var declined = await Queries.ListAsync(owner, new PingListQuery(PingBox.Received, PingStatus.Declined, 10, null));
        var all = await Queries.ListAsync(owner, new PingListQuery(PingBox.Received, null, 10, null));

        Assert.Equal([pings[3].PingId, pings[2].PingId], pending.Items.Select(p => p.PingId));
        Assert.Equal([pings[0].PingId], declined.Items.Select(p => p.PingId));
        Assert.Equal(4, all.Items.Count);
        Assert.Null(all.Next);
    }

    [Fact]
    public async Task ExpiredFilter_IncludesPendingPingsPastTheirExpiry()
    {
        var (owner, _, ping) = await NewPingAsync();

        Fixture.Clock.SetUtcNow(ping.ExpiresAt);
        var expired = await Queries.ListAsync(owner, new PingListQuery(PingBox.Received, PingStatus.Expired, 10, null));
        var pending = await Queries.ListAsync(owner, new PingListQuery(PingBox.Received, PingStatus.Pending, 10, null));

        var item = Assert.Single(expired.Items);
        Assert.Equal((ping.PingId, PingStatus.Expired), (item.PingId, item.Status));
        Assert.Empty(pending.Items);
    }

    [Fact]
    public async Task Chats_AreListedByLatestActivityWithUnreadCounts()
    {
        var owner = ClusterFixture.NewUser("owner");
        var senders = Enumerable.Range(0, 3).Select(_ => ClusterFixture.NewUser("sender")).ToList();
        var pings = new List<Ping>();
        foreach (var sender in senders)
        {
            pings.Add((await SendAsync(sender, await Fixture.NewListingAsync(owner))).Ping!);
            Fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await Chat(pings[0].ChatId).PostMessageAsync(senders[0], "bump", null);
        await Chat(pings[0].ChatId).PostMessageAsync(senders[0], "bump again", null);

        var chats = Fixture.Grains.GetGrain<IChatQueryGrain>(0);
        var first = await chats.ListAsync(owner, 2, null);
        var second = await chats.ListAsync(owner, 2, first.Next);

        Assert.Equal([pings[0].ChatId, pings[2].ChatId], first.Items.Select(c => c.ChatId));
        Assert.Equal([3L, 1L], first.Items.Select(c => c.Unread));
        Assert.Equal([pings[1].ChatId], second.Items.Select(c => c.ChatId));
        Assert.Null(second.Next);
        Assert.Equal([owner, senders[0]], first.Items[0].Participants);
    }
}
