using Microsoft.Extensions.Time.Testing;
using PingActors.Limits;
using PingActors.Pings;

namespace PingActors.Grains.Tests.Limits;

/// <summary>The sender's side of the limits, rule by rule and in combination, on a fake clock.</summary>
public sealed class SenderLimitsTests
{
    private static readonly LimitPolicy _smart = new();
    private static readonly TimeSpan _life = TimeSpan.FromHours(72);
    private static readonly TimeSpan _oneToken = TokenBucket.RefillPeriod / 50;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly SenderLimits _sender = new();
    private int _sentToday;

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void Bucket_AdmitsTheCapAtOnce_AndTheNextWhenOneTokenHasRefilled()
    {
        var bucketOnly = _smart with { MaxPending = null };
        var sent = SendUntilRefused(bucketOnly);

        var refusal = Check(bucketOnly);
        Assert.Equal(50, sent);
        Assert.Equal((LimitNames.Daily, Now + _oneToken), (refusal!.Rule, refusal.RetryAt));
        _clock.Advance(_oneToken - TimeSpan.FromTicks(1));
        Assert.NotNull(Check(bucketOnly));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(Check(bucketOnly));
    }

    [Fact]
    public void Bucket_RefilledWhileFiftyPingsWait_IsStillRefusedByTheReplyDebt()
    {
        SendUntilRefused(_smart);

        _clock.Advance(_oneToken);

        Assert.Equal(LimitNames.Pending, Check(_smart)!.Rule);
    }

    [Fact]
    public void Bucket_AroundMidnight_AllowsNoDoubleBurst_WhileTheFixedWindowDoes()
    {
        var bucket = _smart with { MaxPending = null };
        var window = LimitPolicy.Flat;
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 23, 0, 0, TimeSpan.Zero));
        var bucketSender = new SenderLimits();
        var beforeMidnight = SendUntilRefused(bucket, bucketSender);
        var windowBefore = SendUntilRefused(window);

        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 3, 1, 0, 0, TimeSpan.Zero));
        _sentToday = 0;
        var afterMidnight = SendUntilRefused(bucket, bucketSender);
        var windowAfter = SendUntilRefused(window);

        Assert.Equal((50, 4), (beforeMidnight, afterMidnight)); // 2 hours refill 50 × 2/24 = 4.2 tokens
        Assert.Equal((50, 50), (windowBefore, windowAfter));
    }

    [Fact]
    public void CreditBack_ForAnAnsweredPing_ReturnsItsToken_Once()
    {
        var pings = Enumerable.Range(0, 50).Select(_ => Send(_smart)).ToList();
        Assert.NotNull(Check(_smart));

        Assert.True(Close(pings[0], PingStatus.Responded));
        Assert.False(Close(pings[0], PingStatus.Responded));

        Assert.Null(Check(_smart));
        Send(_smart);
        Assert.Equal(LimitNames.Daily, Check(_smart)!.Rule);
    }

    [Theory]
    [InlineData(PingStatus.Declined)]
    [InlineData(PingStatus.Withdrawn)]
    [InlineData(PingStatus.Expired)]
    public void CreditBack_ForAPingNotAnswered_ReturnsNothing(PingStatus outcome)
    {
        var pings = Enumerable.Range(0, 50).Select(_ => Send(_smart)).ToList();

        Close(pings[0], outcome);

        Assert.Equal(LimitNames.Daily, Check(_smart)!.Rule);
    }

    [Fact]
    public void CreditBack_InTheFixedWindow_GivesThePingBackToday()
    {
        var policy = LimitPolicy.Flat with { CreditBack = true };
        var first = Send(policy);
        SendUntilRefused(policy);

        Close(first, PingStatus.Responded);

        Assert.Null(Check(policy));
    }

    [Fact]
    public void ReplyDebt_WithMaxPendingPings_RefusesUntilOneCloses()
    {
        var policy = _smart with { StandardCap = 100, MaxPending = 5 };
        var pings = Enumerable.Range(0, 5).Select(_ => Send(policy)).ToList();

        var refusal = Check(policy);
        Close(pings[2], PingStatus.Withdrawn);

        Assert.Equal((LimitNames.Pending, pings[0].ExpiresAt), (refusal!.Rule, refusal.RetryAt));
        Assert.Null(Check(policy));
    }

    [Fact]
    public void ReplyDebt_FreesAPlaceWhenAPingExpires_WithNoSweepNeeded()
    {
        var policy = _smart with { StandardCap = 100, MaxPending = 2, AdaptiveCooldownAfter = null };
        Send(policy);
        _clock.Advance(TimeSpan.FromHours(1));
        Send(policy);
        Assert.NotNull(Check(policy));

        _clock.Advance(_life - TimeSpan.FromHours(1));

        Assert.Null(Check(policy));
    }

    [Fact]
    public void CreditBack_WhileTheReplyDebtIsFull_FreesBothTheTokenAndThePlace()
    {
        var policy = _smart with { StandardCap = 3, MaxPending = 3 };
        var pings = Enumerable.Range(0, 3).Select(_ => Send(policy)).ToList();
        Assert.Equal(LimitNames.Daily, Check(policy)!.Rule);

        Close(pings[1], PingStatus.Responded);

        Assert.Null(Check(policy));
    }

    [Theory]
    [InlineData(2, null)]
    [InlineData(3, 10)]
    [InlineData(4, 20)]
    [InlineData(5, 40)]
    [InlineData(11, 1440)] // 10 × 2^8 = 2,560 minutes, capped at 24 hours
    public void AdaptiveCooldown_AfterKUnansweredInARow_LastsBaseTimesTwoToTheKMinusThree(int unanswered, int? minutes)
    {
        var policy = _smart with { StandardCap = 100 };
        var pings = Enumerable.Range(0, unanswered).Select(_ => Send(policy)).ToList();
        foreach (var ping in pings)
        {
            Close(ping, PingStatus.Declined);
        }

        var refusal = Check(policy);

        Assert.Equal(minutes is null ? null : Now + TimeSpan.FromMinutes(minutes.Value), refusal?.RetryAt);
        Assert.Equal(minutes is null ? null : LimitNames.AdaptiveCooldown, refusal?.Rule);
    }

    [Fact]
    public void AdaptiveCooldown_AnyAnswer_EndsTheStreak()
    {
        var policy = _smart with { StandardCap = 100 };
        var pings = Enumerable.Range(0, 5).Select(_ => Send(policy)).ToList();
        Close(pings[0], PingStatus.Expired);
        Close(pings[1], PingStatus.Declined);
        Close(pings[2], PingStatus.Responded);
        Close(pings[3], PingStatus.Declined);
        Close(pings[4], PingStatus.Declined);

        Assert.Null(Check(policy));
        Assert.Equal(2, _sender.Streak.Count);
    }

    [Fact]
    public void AdminCap_SetsTheCapWhateverTheTier()
    {
        _sender.AdminCap = 3;
        Trust(answered: 30, of: 30);

        Assert.Equal(3, SendUntilRefused(_smart));
        Assert.Equal(TrustTier.Trusted, _sender.Tier);
    }

    [Fact]
    public void AdminCap_RaisedAfterPings_AddsTheDifferenceAtOnce()
    {
        var bucket = _smart with { MaxPending = null };
        SendUntilRefused(bucket);

        _sender.AdminCap = 80;

        Assert.Equal(30, SendUntilRefused(bucket));
    }

    [Fact]
    public void AdminCooldown_RefusesUntilItEnds()
    {
        _sender.AdminCooldownUntil = Now.AddMinutes(30);

        Assert.Equal((LimitNames.Cooldown, Now.AddMinutes(30)), (Check(_smart)!.Rule, Check(_smart)!.RetryAt));
        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Null(Check(_smart));
    }

    [Theory]
    [InlineData(20, 20, TrustTier.Trusted)] // (20 + 1) / (20 + 3) = 0.91
    [InlineData(13, 20, TrustTier.Trusted)] // 14 / 23 = 0.609, at least 0.6
    [InlineData(12, 20, TrustTier.Standard)] // 13 / 23 = 0.565
    [InlineData(19, 19, TrustTier.Standard)] // fewer than 20 closed pings: too little history
    [InlineData(2, 20, TrustTier.Standard)] // 3 / 23 = 0.13, above 0.1
    [InlineData(1, 20, TrustTier.Restricted)] // 2 / 23 = 0.087
    [InlineData(2, 40, TrustTier.Restricted)] // 3 / 43 = 0.070
    public void Tier_FromTheSmoothedAnswerRate(int answered, int closed, TrustTier expected)
    {
        Trust(answered, closed);

        Assert.Equal(expected, _sender.Tier);
    }

    [Fact]
    public void Tier_OnceTrusted_StaysAboveTheLowerThreshold_AndIsEvaluatedAtMostDaily()
    {
        Trust(answered: 20, of: 20);
        Assert.Equal(TrustTier.Trusted, _sender.Tier);

        // Ten unanswered pings: (20 + 1) / (30 + 3) = 0.64 still; forty more: (20 + 1) / (50 + 3) = 0.40 is below 0.5.
        CloseMany(answered: 0, of: 40);
        Assert.Null(_sender.TierDue(_smart.Tiers, Now));
        Assert.Equal(TrustTier.Trusted, _sender.Tier);

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(TrustTier.Standard, _sender.TierDue(_smart.Tiers, Now));
    }

    [Fact]
    public void Tier_ChangingInTheMiddleOfABucket_KeepsWhatWasUsedUnderTheNewCap()
    {
        var bucket = _smart with { StandardCap = 50, RestrictedCap = 20, MaxPending = null };
        for (var i = 0; i < 10; i++)
        {
            Send(bucket);
        }

        _sender.SetTier(TrustTier.Restricted, Now);

        Assert.Equal(10, SendUntilRefused(bucket)); // 10 of 50 used: 10 of 20 used
    }

    private void Trust(int answered, int of)
    {
        CloseMany(answered, of);
        _clock.Advance(TimeSpan.FromDays(1));
        _sender.SetTier(_sender.TierDue(_smart.Tiers, Now)!.Value, Now);
    }

    private void CloseMany(int answered, int of)
    {
        var policy = _smart with { StandardCap = 10_000, MaxPending = null, AdaptiveCooldownAfter = null };
        for (var i = 0; i < of; i++)
        {
            Close(Send(policy), i < answered ? PingStatus.Responded : PingStatus.Declined, policy);
        }
    }

    private LimitRefusal? Check(LimitPolicy policy, SenderLimits? sender = null) =>
        (sender ?? _sender).Check(policy, PolicyRole.Enforced, Day(), Now);

    private int SendUntilRefused(LimitPolicy policy, SenderLimits? sender = null)
    {
        var sent = 0;
        while (Check(policy, sender) is null && sent < 10_000)
        {
            Send(policy, sender);
            sent++;
        }

        return sent;
    }

    private PendingPing Send(LimitPolicy policy, SenderLimits? sender = null)
    {
        var ping = new PendingPing(Guid.NewGuid(), "sender", $"owner-{Guid.NewGuid():N}", Guid.NewGuid(), Now, Now + _life);
        (sender ?? _sender).Admitted(ping, policy, shadow: null);
        if (sender is null)
        {
            _sentToday++;
        }

        return ping;
    }

    private bool Close(PendingPing ping, PingStatus status, LimitPolicy? policy = null) =>
        _sender.Closed(new PingClosed(ping.PingId, status, Now), policy ?? _smart, shadow: null);

    private AllowanceDay Day()
    {
        var start = new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero);
        return new AllowanceDay(start, start.AddDays(1), _sentToday);
    }
}
