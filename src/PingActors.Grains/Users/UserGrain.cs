using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using PingActors.Chats;
using PingActors.History;
using PingActors.Limits;
using PingActors.Listings;
using PingActors.Owners;
using PingActors.Pings;
using PingActors.Platform;
using PingActors.References;
using PingActors.Storage;
using PingActors.Text;

namespace PingActors.Users;

/// <summary>
/// A sender. Every ping of theirs passes through here one turn at a time, and every rule of the sender's side
/// (<see cref="SenderLimits"/>: allowance, cooldowns, reply debt) is decided in memory, so a refusal costs no round
/// trip. The owner's side is decided with the owner's grain (<see cref="IOwnerGrain"/>), which holds a place for the
/// ping before it is written. The limits are rebuilt from the durable ping rows on activation; the database's unique
/// (sender, day, seq) key backs the count up should two activations ever meet. An admitted ping is opened by
/// <see cref="ChatOpener"/>: in a new chat without a chat grain, or through the chat's grain if the chat exists.
/// What an admin sets (limit, cooldown) and the tier are history writes with their <c>limits.changed</c> event,
/// loaded with the pings.
/// </summary>
[GrainType("user")]
public sealed class UserGrain(
    [FromKeyedServices(StorageNames.Users)] IGrainStorage legacyLimits,
    SenderHistoryLoader loader,
    HistoryWriter writer,
    AllowanceCalendar calendar,
    ChatOpener chats,
    LimitPolicies policies,
    IOptions<PingOptions> options,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IUserGrain
{
    private const int MaxBatch = 100;

    /// <summary>How far back a sender's recent pings are read: declines and the tier's window reach back this far.</summary>
    private static readonly TimeSpan _lookback = TimeSpan.FromDays(31);

    private readonly SenderLimits _limits = new();
    private AllowanceLedger _today = null!;

    // The day before today: a send retried across midnight is recognised, and answered, rather than sent again.
    private AllowanceLedger _yesterday = null!;
    private long _policyVersion;
    private UserLimits _settings = UserLimits.None;

    // Read once: the grain's id makes a new string every time it is asked, and a ping asks several times.
    private string? _username;

    private string Username => _username ??= this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = calendar.DayOf(now);
        var records = await loader.LoadAsync(Username, today, calendar.DayOf(now - Max(_lookback, options.Value.Expiry)));
        (_yesterday, _today) = (records.Yesterday, records.Today);
        var settings = records.Limits;
        if (records.LegacyLimits)
        {
            var stored = await LegacyGrainState.ReadAsync<UserState>(legacyLimits, "user", this.GetGrainId());
            settings = new UserLimits(stored.DailyLimit, stored.CooldownUntil, stored.Tier, stored.TierChangedAt);
        }

        Hold(settings);
        var (enforced, _) = Policies();
        SenderHistory.Replay(_limits, Username, records.Recent, enforced, now);
    }

    public Task<SendPingResult> SendPingAsync(SendPing ping) => SendAsync(ping);

    public async Task<IReadOnlyList<SendPingResult>> SendPingsAsync(IReadOnlyList<SendPing> pings)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pings.Count, MaxBatch, nameof(pings));
        var results = new List<SendPingResult>(pings.Count);
        foreach (var ping in pings)
        {
            results.Add(await SendAsync(ping));
        }

        return results;
    }

    public Task<Allowance> GetAllowanceAsync() => Task.FromResult(AllowanceAt(clock.GetUtcNow()));

    public async Task<Allowance> SetDailyLimitAsync(int? dailyLimit)
    {
        if (dailyLimit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(limit, nameof(dailyLimit));
        }

        await CommitAsync(_settings with { DailyLimit = dailyLimit });
        return AllowanceAt(clock.GetUtcNow());
    }

    public async Task<Allowance> SetCooldownAsync(DateTimeOffset? until)
    {
        var now = clock.GetUtcNow();
        await CommitAsync(_settings with { CooldownUntil = until > now ? until : null });
        return AllowanceAt(now);
    }

    public Task PingClosedAsync(Guid pingId, PingStatus status, DateTimeOffset at)
    {
        var (enforced, shadow) = Policies();
        _limits.Closed(new PingClosed(pingId, status, at), enforced, shadow);
        return Task.CompletedTask;
    }

    private async Task<SendPingResult> SendAsync(SendPing ping)
    {
        var now = clock.GetUtcNow();
        var today = Today(now);
        if (!TextRules.TryNormalizeMessage(ping.Message, out var message))
        {
            return Rejected(SendPingOutcome.InvalidMessage, now);
        }

        if (today.Contains(ping.PingId) || _yesterday.Contains(ping.PingId))
        {
            // A retry of a send that already went through: answer with what it created, spend nothing.
            var existing = await GrainFactory.Reference<IChatGrain>(ChatId.For(ping.ListingId, Username)).GetPingAsync(Username, ping.PingId)
                ?? throw new ArgumentException($"Ping {ping.PingId} was already sent for another listing.", nameof(ping));
            return new SendPingResult(SendPingOutcome.Sent, existing, null, AllowanceAt(now));
        }

        await EvaluateTierAsync(now);
        var (enforced, shadow) = Policies();
        var day = Day(today);
        var shadowRefusal = shadow is null ? null : _limits.Check(shadow, PolicyRole.Shadow, day, now);
        if (_limits.Check(enforced, PolicyRole.Enforced, day, now) is { } refusal)
        {
            PingActorsMetrics.RecordShadowRefusal(shadowRefusal?.Rule, enforcedRefused: true);
            return Refused(refusal, now);
        }

        var listing = await GrainFactory.Reference<IListingGrain>(ping.ListingId).GetAsync();
        if (listing is null)
        {
            return Rejected(SendPingOutcome.ListingNotFound, now);
        }

        if (listing.Owner == Username)
        {
            return Rejected(SendPingOutcome.OwnListing, now);
        }

        if (listing.Status == ListingStatus.Closed)
        {
            return Rejected(SendPingOutcome.ListingClosed, now);
        }

        var expiresAt = now + options.Value.Expiry;
        var owner = enforced.HasOwnerRules || shadow?.HasOwnerRules == true ? GrainFactory.Reference<IOwnerGrain>(listing.Owner) : null;
        var shadowRule = shadowRefusal?.Rule;
        if (owner is not null)
        {
            var decision = await owner.AdmitAsync(new OwnerAdmission(ping.PingId, Username, ping.ListingId, now, expiresAt));
            shadowRule ??= decision.ShadowRefused;
            if (decision.Refused is { } rule)
            {
                PingActorsMetrics.RecordShadowRefusal(shadowRule, enforcedRefused: true);
                return Refused(new LimitRefusal(rule, decision.RetryAt), now);
            }
        }

        PingActorsMetrics.RecordShadowRefusal(shadowRule, enforcedRefused: false);
        var seq = today.LastSeq + 1;
        var command = new OpenPing(
            ping.PingId, ping.ListingId, listing.Owner, Username, message, now, expiresAt, today.Day, seq,
            _limits.TokensAfterAdmission(enforced, now), shadowRule);
        OpenPingResult opened;
        try
        {
            opened = await chats.OpenAsync(command);
        }
        catch
        {
            // The ping may have committed even so: the next activation rebuilds the limits from the rows, and the
            // owner's grain, hearing nothing, reloads its own once the place it holds is overdue.
            DeactivateOnIdle();
            throw;
        }

        if (opened.Outcome != OpenPingOutcome.Opened)
        {
            if (owner is not null)
            {
                await owner.ReleaseAsync(ping.PingId);
            }

            return opened.Outcome == OpenPingOutcome.AlreadyPending
                ? Rejected(SendPingOutcome.PingAlreadyPending, now, opened.Ping, opened.Ping.ExpiresAt)
                : new SendPingResult(SendPingOutcome.Sent, opened.Ping, null, AllowanceAt(now));
        }

        today.Record(ping.PingId, seq);
        _limits.Admitted(new PendingPing(ping.PingId, Username, listing.Owner, ping.ListingId, now, expiresAt), enforced, shadow);
        if (owner is not null)
        {
            await owner.ConfirmAsync(ping.PingId);
        }

        PingActorsMetrics.RecordSent();
        return new SendPingResult(SendPingOutcome.Sent, opened.Ping, null, AllowanceAt(now));
    }

    /// <summary>Re-evaluates the trust tier at most daily; a change is stored before it applies.</summary>
    private async Task EvaluateTierAsync(DateTimeOffset now)
    {
        var (enforced, _) = Policies();
        if (_limits.TierDue(enforced.Tiers, now) is not { } tier)
        {
            return;
        }

        if (tier != _settings.Tier)
        {
            await CommitAsync(_settings with { Tier = tier, TierChangedAt = now });
        }

        _limits.SetTier(tier, now);
    }

    /// <summary>
    /// Writes what an admin set or the tier, with its <c>limits.changed</c> event, and only then holds it. A failed
    /// write leaves the limits as they were and deactivates the grain: the write may even have committed, and the
    /// next activation reads what the database holds.
    /// </summary>
    private async Task CommitAsync(UserLimits next)
    {
        if (next == _settings)
        {
            return;
        }

        try
        {
            await writer.WriteAsync(ChatWrite.ForLimits(new UserLimitsRow(
                Username, next.DailyLimit, next.CooldownUntil, next.Tier.ToText(), next.TierChangedAt, clock.GetUtcNow())));
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        Hold(next);
    }

    private void Hold(UserLimits settings)
    {
        _settings = settings;
        (_limits.AdminCap, _limits.AdminCooldownUntil) = (settings.DailyLimit, settings.CooldownUntil);
        _limits.SetTier(settings.Tier, settings.TierChangedAt);
    }

    /// <summary>The enforced policy for this sender and the one in shadow; a new shadow policy starts a new shadow bucket.</summary>
    private (LimitPolicy Enforced, LimitPolicy? Shadow) Policies()
    {
        var current = policies.Current;
        if (current.Version != _policyVersion)
        {
            _policyVersion = current.Version;
            _limits.ResetShadow();
        }

        return current.For(Username);
    }

    private SendPingResult Refused(LimitRefusal refusal, DateTimeOffset now)
    {
        var outcome = refusal.Rule switch
        {
            LimitNames.Daily => SendPingOutcome.DailyLimitExceeded,
            LimitNames.Cooldown or LimitNames.AdaptiveCooldown => SendPingOutcome.CooldownActive,
            LimitNames.Pending => SendPingOutcome.TooManyPending,
            LimitNames.Owner or LimitNames.Listing => SendPingOutcome.OwnerBusy,
            LimitNames.Declined => SendPingOutcome.RecentlyDeclined,
            LimitNames.OnePerOwner => SendPingOutcome.PendingWithOwner,
            _ => throw new InvalidOperationException($"Unknown limit '{refusal.Rule}'."),
        };
        PingActorsMetrics.RecordRejected(outcome.ToString(), refusal.Rule);
        return new SendPingResult(outcome, null, refusal.RetryAt, AllowanceAt(now), refusal.Rule);
    }

    private SendPingResult Rejected(SendPingOutcome outcome, DateTimeOffset now, Ping? ping = null, DateTimeOffset? retryAt = null)
    {
        PingActorsMetrics.RecordRejected(outcome.ToString(), null);
        return new SendPingResult(outcome, ping, retryAt, AllowanceAt(now));
    }

    private AllowanceLedger Today(DateTimeOffset now)
    {
        var day = calendar.DayOf(now);
        if (_today.Day != day)
        {
            // Only this grain writes this sender's pings, so a day it has not seen yet starts empty.
            _yesterday = _today.Day == day.AddDays(-1) ? _today : new AllowanceLedger(day.AddDays(-1));
            _today = new AllowanceLedger(day);
        }

        return _today;
    }

    private AllowanceDay Day(AllowanceLedger today) =>
        new(calendar.ResetAfter(today.Day.AddDays(-1)), calendar.ResetAfter(today.Day), today.Count);

    private Allowance AllowanceAt(DateTimeOffset now) => AllowanceReport.Describe(_limits, Policies().Enforced, Day(Today(now)), now);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
