using PingActors.Listings;
using PingActors.Pings;
using PingActors.Storage;
using PingActors.Testing;

namespace PingActors.Grains.Tests.Faults;

/// <summary>
/// Every write of state a grain holds between calls (a listing in grain storage; a user's limits and a chat's read
/// cursors, written with their events through the history writer), with PostgreSQL refusing the write: the call
/// fails, no event is written, and afterwards the grain shows the state as it was, both in the activation that saw
/// the failure and in a fresh one.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StateWriteFailureTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    private IListingGrain Listing(Guid id) => Fixture.Grains.GetGrain<IListingGrain>(id);

    [Fact]
    public async Task RegisterListing_WhenItsWriteFails_LeavesNoListing()
    {
        var owner = ClusterFixture.NewUser("owner");
        var id = Guid.NewGuid();

        await using (await FailListingAsync(id))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => Listing(id).RegisterAsync(owner, "Oak table"));
            Assert.Null(await Listing(id).GetAsync());
        }

        Assert.Null(await Listing(id).GetAsync());
        Assert.Equal(SendPingOutcome.ListingNotFound, (await SendAsync(ClusterFixture.NewUser("sender"), id)).Outcome);
        await Fixture.DeactivateAllAsync();
        Assert.Null(await Listing(id).GetAsync());
    }

    [Fact]
    public async Task RetitleListing_WhenItsWriteFails_KeepsTheOldTitle()
    {
        var owner = ClusterFixture.NewUser("owner");
        var id = await Fixture.NewListingAsync(owner, "Oak table");

        await using (await FailListingAsync(id))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => Listing(id).RegisterAsync(owner, "Oak table, seats six"));
            Assert.Equal("Oak table", (await Listing(id).GetAsync())!.Title);
        }

        Assert.Equal("Oak table", (await Listing(id).GetAsync())!.Title);
        await Fixture.DeactivateAllAsync();
        Assert.Equal("Oak table", (await Listing(id).GetAsync())!.Title);
    }

    [Fact]
    public async Task CloseListing_WhenItsWriteFails_LeavesItOpenForPings()
    {
        var owner = ClusterFixture.NewUser("owner");
        var id = await Fixture.NewListingAsync(owner);

        await using (await FailListingAsync(id))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => Listing(id).CloseAsync(owner));
            Assert.Equal(ListingStatus.Open, (await Listing(id).GetAsync())!.Status);
        }

        Assert.Equal(SendPingOutcome.Sent, (await SendAsync(ClusterFixture.NewUser("sender"), id)).Outcome);
        await Fixture.DeactivateAllAsync();
        Assert.Equal(ListingStatus.Open, (await Listing(id).GetAsync())!.Status);
    }

    [Fact]
    public async Task SetDailyLimit_WhenItsWriteFails_KeepsTheLimitItHad()
    {
        var sender = ClusterFixture.NewUser("sender");
        await User(sender).SetDailyLimitAsync(5);

        await using (await FailUserAsync(sender))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => User(sender).SetDailyLimitAsync(0));
            Assert.Equal(5, (await User(sender).GetAllowanceAsync()).DailyLimit);
        }

        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM events WHERE recipient = $1 AND event_type = 'limits.changed'", sender));
        Assert.Equal(5, (await User(sender).GetAllowanceAsync()).DailyLimit);
        await Fixture.DeactivateAllAsync();
        Assert.Equal(5, (await User(sender).GetAllowanceAsync()).DailyLimit);
    }

    [Fact]
    public async Task SetCooldown_WhenItsWriteFails_SetsNoCooldown()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var listing = await Fixture.NewListingAsync(owner);

        await using (await FailUserAsync(sender))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => User(sender).SetCooldownAsync(Fixture.Clock.GetUtcNow().AddYears(70)));
            Assert.Null((await User(sender).GetAllowanceAsync()).CooldownUntil);
        }

        Assert.Equal(SendPingOutcome.Sent, (await SendAsync(sender, listing)).Outcome);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM events WHERE recipient = $1 AND event_type = 'limits.changed'", sender));
        await Fixture.DeactivateAllAsync();
        Assert.Null((await User(sender).GetAllowanceAsync()).CooldownUntil);
    }

    [Fact]
    public async Task MarkRead_WhenItsWriteFails_KeepsTheUnreadCount()
    {
        var (owner, sender, ping) = await NewPingAsync();
        await Chat(ping.ChatId).PostMessageAsync(sender, "Still there?", null);

        await using (await StorageFaults.FailHistoryAsync(Fixture.Database.ConnectionString, ping.ChatId))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => Chat(ping.ChatId).MarkReadAsync(owner, 2));
            Assert.Equal(2L, (await Chat(ping.ChatId).GetAsync(owner))!.Unread);
        }

        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM events WHERE chat_id = $1 AND event_type = 'chat.read'", ping.ChatId));
        Assert.Equal(2L, (await Chat(ping.ChatId).GetAsync(owner))!.Unread);
        await Fixture.DeactivateAllAsync();
        Assert.Equal(2L, (await Chat(ping.ChatId).GetAsync(owner))!.Unread);
        Assert.Equal(0L, (await Chat(ping.ChatId).MarkReadAsync(owner, 2)).Receipt!.Unread);
    }

    private Task<StorageFaults> FailListingAsync(Guid id) => StorageFaults.FailGrainStateAsync(Fixture.Database.ConnectionString, "listing", id);

    private Task<StorageFaults> FailUserAsync(string username) => StorageFaults.FailUserLimitsAsync(Fixture.Database.ConnectionString, username);
}
