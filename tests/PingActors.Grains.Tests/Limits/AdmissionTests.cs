using PingActors.Limits;
using PingActors.Pings;
using PingActors.Testing;

namespace PingActors.Grains.Tests.Limits;

/// <summary>
/// Admission by the sender's and the owner's grains together, under the default policy, on two silos with many
/// pings at once: exactly what the tightest rule allows is admitted, with the rows to prove it, and a refusal on
/// either side spends nothing on the other.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AdmissionTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public async Task TwoHundredConcurrentPings_FromOneSenderToABusyOwner_AdmitExactlyTheTightestRule()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var listings = await ListingsAsync(owner, 200);
        await User(sender).SetDailyLimitAsync(500); // the allowance is no longer the tightest rule: the reply debt (50 pending) is

        var results = await AllAtOnceAsync(listings.Select(listing => (sender, listing)));

        Assert.Equal(50, results.Count(r => r.Outcome == SendPingOutcome.Sent));
        Assert.All(results.Where(r => r.Outcome != SendPingOutcome.Sent), r => Assert.Equal((SendPingOutcome.TooManyPending, LimitNames.Pending), (r.Outcome, r.Limit)));
        Assert.Equal(50L, await CountAsync("SELECT count(*) FROM pings WHERE sender = $1 AND status = 'pending'", sender));
        Assert.Equal(450, (await User(sender).GetAllowanceAsync()).Remaining);
    }

    [Fact]
    public async Task ConcurrentSenders_ToOneOwner_NeverExceedTheOwnersPendingCap()
    {
        var owner = ClusterFixture.NewUser("owner");
        var listings = await ListingsAsync(owner, 150);
        var attempts = listings.Select((listing, i) => ($"s{i % 5}-{Guid.NewGuid():N}"[..20], listing)).ToList();
        var senders = attempts.Select(a => a.Item1).Distinct().Count();

        var results = await AllAtOnceAsync(attempts);

        Assert.Equal(100, results.Count(r => r.Outcome == SendPingOutcome.Sent));
        Assert.All(results.Where(r => r.Outcome != SendPingOutcome.Sent), r => Assert.Equal((SendPingOutcome.OwnerBusy, LimitNames.Owner), (r.Outcome, r.Limit)));
        Assert.Equal(100L, await CountAsync("SELECT count(*) FROM pings WHERE receiver = $1", owner));
        Assert.Equal(150, senders);
    }

    [Fact]
    public async Task ConcurrentSenders_ToOneListing_AdmitItsDailyNewPingsExactly()
    {
        var owner = ClusterFixture.NewUser("owner");
        var listing = (await ListingsAsync(owner, 1))[0];

        var results = await AllAtOnceAsync(Enumerable.Range(0, 30).Select(_ => (ClusterFixture.NewUser("sender"), listing)));

        Assert.Equal(20, results.Count(r => r.Outcome == SendPingOutcome.Sent));
        Assert.All(results.Where(r => r.Outcome != SendPingOutcome.Sent), r => Assert.Equal(LimitNames.Listing, r.Limit));
        Assert.Equal(20L, await CountAsync("SELECT count(*) FROM pings WHERE listing_id = $1", listing));
    }

    [Fact]
    public async Task RefusalByTheOwner_LeavesTheSendersBudgetUntouched()
    {
        var owner = ClusterFixture.NewUser("owner");
        var listing = (await ListingsAsync(owner, 1))[0];
        await AllAtOnceAsync(Enumerable.Range(0, 20).Select(_ => (ClusterFixture.NewUser("sender"), listing)));
        var sender = ClusterFixture.NewUser("sender");
        var before = await User(sender).GetAllowanceAsync();

        var refused = await SendAsync(sender, listing);

        Assert.Equal((SendPingOutcome.OwnerBusy, LimitNames.Listing), (refused.Outcome, refused.Limit));
        Assert.Equal(before.Remaining, refused.Allowance.Remaining);
        Assert.Equal(before.Rules.Single(r => r.Name == LimitNames.Pending).Remaining, refused.Allowance.Rules.Single(r => r.Name == LimitNames.Pending).Remaining);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM pings WHERE sender = $1", sender));
    }

    [Fact]
    public async Task Decline_KeepsThatSenderFromAllTheOwnersListings_ForThirtyDays()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var listings = await ListingsAsync(owner, 2);
        var first = (await SendAsync(sender, listings[0])).Ping!;
        await Chat(first.ChatId).DeclineAsync(owner, first.PingId);

        var refused = await SendAsync(sender, listings[1]);
        var elsewhere = await SendAsync(sender, await Fixture.NewListingAsync(ClusterFixture.NewUser("owner")));

        Assert.Equal((SendPingOutcome.RecentlyDeclined, Fixture.Clock.GetUtcNow().AddDays(30)), (refused.Outcome, refused.RetryAt));
        Assert.Equal(SendPingOutcome.Sent, elsewhere.Outcome);
    }

    [Fact]
    public async Task AnsweredPing_GivesItsSenderTheTokenBack()
    {
        var (owner, sender, ping) = await NewPingAsync();
        Assert.Equal(49, (await User(sender).GetAllowanceAsync()).Remaining);

        await Chat(ping.ChatId).RespondAsync(owner, ping.PingId, "Yes, come by");

        // The chat's grain tells the sender's grain one way, so the credit lands a moment after the answer.
        await Eventually.UntilAsync(async () => (await User(sender).GetAllowanceAsync()).Remaining == 50, TimeSpan.FromSeconds(10), "the credit back");
    }

    [Fact]
    public async Task SenderWhosePingsGetAnswered_BecomesTrustedAtTheNextDailyEvaluation_WithItsLimitsChangedEvent()
    {
        var sender = ClusterFixture.NewUser("sender");
        for (var i = 0; i < 20; i++)
        {
            var owner = ClusterFixture.NewUser("owner");
            var ping = (await SendAsync(sender, await Fixture.NewListingAsync(owner))).Ping!;
            await Chat(ping.ChatId).RespondAsync(owner, ping.PingId, "Yes, come by");
        }

        // Every answer gives its credit back one way; once all have landed, the sender's grain has counted all 20.
        await Eventually.UntilAsync(async () => (await User(sender).GetAllowanceAsync()).Remaining == 50, TimeSpan.FromSeconds(10), "the credits back");
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM events WHERE recipient = $1 AND event_type = 'limits.changed'", sender));
        Fixture.Clock.Advance(TimeSpan.FromDays(1));

        var next = await SendAsync(sender, await Fixture.NewListingAsync(ClusterFixture.NewUser("owner")));

        Assert.Equal((SendPingOutcome.Sent, TrustTier.Trusted), (next.Outcome, next.Allowance.Tier));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM events WHERE recipient = $1 AND event_type = 'limits.changed'", sender));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM user_limits WHERE username = $1 AND tier = 'trusted'", sender));
    }

    private async Task<List<Guid>> ListingsAsync(string owner, int count) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Fixture.NewListingAsync(owner)))];

    private async Task<SendPingResult[]> AllAtOnceAsync(IEnumerable<(string Sender, Guid Listing)> attempts)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = attempts.Select(async attempt =>
        {
            await start.Task;
            return await User(attempt.Sender).SendPingAsync(new SendPing(Guid.NewGuid(), attempt.Listing, "Is it still for sale?"));
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(sends);
    }
}
