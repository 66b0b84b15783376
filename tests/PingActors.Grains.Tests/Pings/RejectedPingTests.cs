using PingActors.Chats;
using PingActors.Listings;
using PingActors.Pings;

namespace PingActors.Grains.Tests.Pings;

[Collection(ClusterCollection.Name)]
public sealed class RejectedPingTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    public enum Rejection
    {
        OverTheLimit,
        OnCooldown,
        EmptyMessage,
        TooLongMessage,
        ControlCharacters,
        UnknownListing,
        ClosedListing,
        OwnListing,
    }

    [Theory]
    [InlineData(Rejection.OverTheLimit, SendPingOutcome.DailyLimitExceeded)]
    [InlineData(Rejection.OnCooldown, SendPingOutcome.CooldownActive)]
    [InlineData(Rejection.EmptyMessage, SendPingOutcome.InvalidMessage)]
    [InlineData(Rejection.TooLongMessage, SendPingOutcome.InvalidMessage)]
    [InlineData(Rejection.ControlCharacters, SendPingOutcome.InvalidMessage)]
    [InlineData(Rejection.UnknownListing, SendPingOutcome.ListingNotFound)]
    [InlineData(Rejection.ClosedListing, SendPingOutcome.ListingClosed)]
    [InlineData(Rejection.OwnListing, SendPingOutcome.OwnListing)]
    public async Task SendPing_Rejected_LeavesNoTraceAndSpendsNoAllowance(Rejection rejection, SendPingOutcome expected)
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var listing = await Fixture.NewListingAsync(owner);
        var message = "Still for sale?";
        switch (rejection)
        {
            case Rejection.OverTheLimit:
                await User(sender).SetDailyLimitAsync(0);
                break;
            case Rejection.OnCooldown:
                await User(sender).SetCooldownAsync(Fixture.Clock.GetUtcNow().AddHours(1));
                break;
            case Rejection.EmptyMessage:
                message = "   \n ";
                break;
            case Rejection.TooLongMessage:
                message = new string('x', 1_001);
                break;
            case Rejection.ControlCharacters:
                message = "null\0byte";
                break;
            case Rejection.UnknownListing:
                listing = Guid.NewGuid();
                break;
            case Rejection.ClosedListing:
                await Fixture.Grains.GetGrain<IListingGrain>(listing).CloseAsync(owner);
                break;
            case Rejection.OwnListing:
                sender = owner;
                break;
        }

        var before = await User(sender).GetAllowanceAsync();

        var result = await SendAsync(sender, listing, message);

        Assert.Equal(expected, result.Outcome);
        Assert.Null(result.Ping);
        Assert.Equal(before, result.Allowance);
        Assert.Equal(before, await User(sender).GetAllowanceAsync());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pings WHERE sender = $1", sender));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM chats WHERE sender = $1", sender));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM messages WHERE chat_id = $1", ChatId.For(listing, sender)));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM events WHERE sender = $1", sender));
    }

    [Fact]
    public async Task SendPing_OverTheLimit_SaysWhenOneMorePingIsAllowed()
    {
        var sender = ClusterFixture.NewUser("sender");
        await User(sender).SetDailyLimitAsync(2);
        await SendAsync(sender, await Fixture.NewListingAsync(ClusterFixture.NewUser("owner")));
        await SendAsync(sender, await Fixture.NewListingAsync(ClusterFixture.NewUser("owner")));

        var result = await SendAsync(sender, Guid.NewGuid());

        // A cap of 2 refills one ping every 12 hours.
        Assert.Equal((SendPingOutcome.DailyLimitExceeded, Fixture.Clock.GetUtcNow().AddHours(12)), (result.Outcome, result.RetryAt));
        Assert.Equal(Fixture.Clock.GetUtcNow().AddHours(24), result.Allowance.ResetAt);
    }

    [Fact]
    public async Task SendPing_WithADailyLimitOfZero_SaysNoTimeWillAllowIt()
    {
        var sender = ClusterFixture.NewUser("sender");
        await User(sender).SetDailyLimitAsync(0);

        var result = await SendAsync(sender, Guid.NewGuid());

        Assert.Equal((SendPingOutcome.DailyLimitExceeded, (DateTimeOffset?)null), (result.Outcome, result.RetryAt));
    }

    [Fact]
    public async Task SendPing_OnCooldown_SaysWhenTheCooldownEnds()
    {
        var sender = ClusterFixture.NewUser("sender");
        var until = Fixture.Clock.GetUtcNow().AddMinutes(90);
        await User(sender).SetCooldownAsync(until);

        var result = await SendAsync(sender, Guid.NewGuid());

        Assert.Equal(SendPingOutcome.CooldownActive, result.Outcome);
        Assert.Equal(until, result.RetryAt);
        Assert.Equal(until, result.Allowance.CooldownUntil);
    }
}
