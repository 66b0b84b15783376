using Microsoft.Extensions.Time.Testing;
using PingActors.Limits;
using PingActors.Pings;

namespace PingActors.Grains.Tests.Limits;

/// <summary>The owner's side of the limits: busy owners and listings, declines, reservations.</summary>
public sealed class OwnerLimitsTests
{
    private static readonly LimitPolicy _smart = new();
    private static readonly TimeSpan _life = TimeSpan.FromHours(72);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly OwnerLimits _owner = new();
    private readonly Guid[] _listings = [.. Enumerable.Range(0, 10).Select(_ => Guid.NewGuid())];

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void Owner_WithMaxPendingPings_TakesNoMore_UntilOneCloses()
    {
        var policy = _smart with { OwnerMaxPending = 30 };
        var pings = Enumerable.Range(0, 30).Select(i => Reserve($"sender-{i}", _listings[i % 10])).ToList();

        var refusal = _owner.Check(policy, "sender-new", _listings[0], Now);
        _owner.Closed(new PingClosed(pings[7].PingId, PingStatus.Responded, Now));

        Assert.Equal((LimitNames.Owner, pings[0].ExpiresAt), (refusal!.Rule, refusal.RetryAt));
        Assert.Null(_owner.Check(policy, "sender-new", _listings[0], Now));
    }

    [Fact]
    public void Listing_WithMaxNewPingsIn24Hours_TakesNoMore_Until24HoursAfterTheOldest()
    {
        var first = Now;
        for (var i = 0; i < 20; i++)
        {
            var ping = Reserve($"sender-{i}", _listings[0]);
            _owner.Closed(new PingClosed(ping.PingId, PingStatus.Withdrawn, Now)); // closing frees no place in the 24 hours
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var refusal = _owner.Check(_smart, "sender-new", _listings[0], Now);
        var otherListing = _owner.Check(_smart, "sender-new", _listings[1], Now);

        Assert.Equal((LimitNames.Listing, first.AddHours(24)), (refusal!.Rule, refusal.RetryAt));
        Assert.Null(otherListing);
        _clock.SetUtcNow(first.AddHours(24));
        Assert.Null(_owner.Check(_smart, "sender-new", _listings[0], Now));
    }

    [Fact]
    public void Decline_BlocksThatSenderFromThisOwnerFor30Days_AndNobodyElse()
    {
        var ping = Reserve("pushy", _listings[0]);
        _owner.Confirm(ping.PingId);
        _owner.Closed(new PingClosed(ping.PingId, PingStatus.Declined, Now));

        var refusal = _owner.Check(_smart, "pushy", _listings[3], Now);

        Assert.Equal((LimitNames.Declined, Now.AddDays(30)), (refusal!.Rule, refusal.RetryAt));
        Assert.Null(_owner.Check(_smart, "polite", _listings[3], Now));
        _clock.Advance(TimeSpan.FromDays(30));
        Assert.Null(_owner.Check(_smart, "pushy", _listings[3], Now));
    }

    [Fact]
    public void OnePendingPerOwner_WhenOn_RefusesASecondPendingPingToAnyOfTheOwnersListings()
    {
        var policy = _smart with { OnePendingPerOwner = true };
        var ping = Reserve("dealer-fan", _listings[0]);

        Assert.Equal(LimitNames.OnePerOwner, _owner.Check(policy, "dealer-fan", _listings[5], Now)!.Rule);
        Assert.Null(_owner.Check(_smart, "dealer-fan", _listings[5], Now));
        _owner.Closed(new PingClosed(ping.PingId, PingStatus.Responded, Now));
        Assert.Null(_owner.Check(policy, "dealer-fan", _listings[5], Now));
    }

    [Fact]
    public void Reservation_Released_FreesItsPlaceInBothCounts()
    {
        var policy = _smart with { OwnerMaxPending = 1, ListingMaxPer24Hours = 1 };
        var ping = Reserve("sender", _listings[0]);
        Assert.NotNull(_owner.Check(policy, "other", _listings[0], Now));

        _owner.Release(ping.PingId);

        Assert.Null(_owner.Check(policy, "other", _listings[0], Now));
    }

    [Fact]
    public void Reservation_NeitherConfirmedNorReleasedInTime_IsOverdue()
    {
        var ping = Reserve("sender", _listings[0]);
        Assert.False(_owner.OverdueReservations(Now));

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.True(_owner.OverdueReservations(Now));
        _owner.Confirm(ping.PingId);
        Assert.False(_owner.OverdueReservations(Now));
    }

    [Fact]
    public void PendingPings_PastTheirExpiry_NoLongerCount()
    {
        var policy = _smart with { OwnerMaxPending = 1 };
        Reserve("sender", _listings[0]);

        _clock.Advance(_life);

        Assert.Null(_owner.Check(policy, "other", _listings[1], Now));
    }

    private PendingPing Reserve(string sender, Guid listing)
    {
        var ping = new PendingPing(Guid.NewGuid(), sender, "owner", listing, Now, Now + _life);
        _owner.Reserve(ping, Now.AddSeconds(30));
        return ping;
    }
}
