using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using PingActors.Chats;
using PingActors.History;
using PingActors.Limits;
using PingActors.Listings;
using PingActors.Pings;
using PingActors.Platform;
using PingActors.Storage;
using PingActors.Text;

namespace PingActors.Users;

/// <summary>
/// A sender. Every ping of theirs passes through here one turn at a time, and the checks that reject most
/// pings (cooldown, allowance) read only memory. Today's count is rebuilt from the durable ping rows on
/// activation; the database's unique (sender, day, seq) key backs it up should two activations ever meet.
/// What an admin sets (limit, cooldown) is a history write with its <c>limits.changed</c> event, loaded with today.
/// An admitted ping is opened by <see cref="ChatOpener"/>: in a new chat without a chat grain, or through the chat's
/// grain if the chat exists.
/// </summary>
[GrainType("user")]
public sealed class UserGrain(
    [FromKeyedServices(StorageNames.Users)] IGrainStorage legacyLimits,
    AllowanceLoader loader,
    HistoryWriter writer,
    AllowanceCalendar calendar,
    ChatOpener chats,
    IOptions<PingOptions> options,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IUserGrain
{
    private const int MaxBatch = 100;

    private AllowanceLedger _today = null!;

    // The day before today: a send retried across midnight is recognised, and answered, rather than sent again.
    private AllowanceLedger _yesterday = null!;

    private UserLimits _limits = UserLimits.None;

    private string Username => this.GetPrimaryKeyString();

    private int DailyLimit => _limits.DailyLimit ?? options.Value.DailyLimit;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var loaded = await loader.LoadAsync(Username, calendar.DayOf(clock.GetUtcNow()));
        (_yesterday, _today, _limits) = (loaded.Yesterday, loaded.Today, loaded.Limits);
        if (loaded.LegacyLimits)
        {
            var stored = await LegacyGrainState.ReadAsync<UserState>(legacyLimits, "user", this.GetGrainId());
            _limits = new UserLimits(stored.DailyLimit, stored.CooldownUntil);
        }
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

        await CommitAsync(_limits with { DailyLimit = dailyLimit });
        return AllowanceAt(clock.GetUtcNow());
    }

    public async Task<Allowance> SetCooldownAsync(DateTimeOffset? until)
    {
        var now = clock.GetUtcNow();
        await CommitAsync(_limits with { CooldownUntil = until > now ? until : null });
        return AllowanceAt(now);
    }

    /// <summary>
    /// Writes what an admin set, with its <c>limits.changed</c> event, and only then holds it. A failed write leaves
    /// the limits as they were and deactivates the grain: the write may even have committed, and the next
    /// activation reads what the database holds.
    /// </summary>
    private async Task CommitAsync(UserLimits next)
    {
        if (next == _limits)
        {
            return;
        }

        try
        {
            await writer.WriteAsync(ChatWrite.ForLimits(new UserLimitsRow(Username, next.DailyLimit, next.CooldownUntil, clock.GetUtcNow())));
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        _limits = next;
    }

    private async Task<SendPingResult> SendAsync(SendPing ping)
    {
        var now = clock.GetUtcNow();
        var today = Today(now);
        if (!TextRules.TryNormalizeMessage(ping.Message, out var message))
        {
            return Rejected(SendPingOutcome.InvalidMessage, now);
        }

        var chat = GrainFactory.GetGrain<IChatGrain>(ChatId.For(ping.ListingId, Username));
        if (today.Contains(ping.PingId) || _yesterday.Contains(ping.PingId))
        {
            // A retry of a send that already went through: answer with what it created, spend nothing.
            var existing = await chat.GetPingAsync(Username, ping.PingId)
                ?? throw new ArgumentException($"Ping {ping.PingId} was already sent for another listing.", nameof(ping));
            return new SendPingResult(SendPingOutcome.Sent, existing, null, AllowanceAt(now));
        }

        if (ActiveCooldown(now) is { } cooldownEnds)
        {
            return Rejected(SendPingOutcome.CooldownActive, now, retryAt: cooldownEnds);
        }

        if (today.Count >= DailyLimit)
        {
            return Rejected(SendPingOutcome.DailyLimitExceeded, now, retryAt: calendar.ResetAfter(today.Day));
        }

        var listing = await GrainFactory.GetGrain<IListingGrain>(ping.ListingId).GetAsync();
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

        var seq = today.LastSeq + 1;
        var command = new OpenPing(ping.PingId, ping.ListingId, listing.Owner, Username, message, now, now + options.Value.Expiry, today.Day, seq);
        OpenPingResult opened;
        try
        {
            opened = await chats.OpenAsync(command);
        }
        catch
        {
            // The ping may have committed even so; the next activation rebuilds today from the rows.
            DeactivateOnIdle();
            throw;
        }

        switch (opened.Outcome)
        {
            case OpenPingOutcome.AlreadyPending:
                return Rejected(SendPingOutcome.PingAlreadyPending, now, opened.Ping, opened.Ping.ExpiresAt);
            case OpenPingOutcome.Opened:
                today.Record(ping.PingId, seq);
                PingActorsMetrics.RecordSent();
                break;
        }

        return new SendPingResult(SendPingOutcome.Sent, opened.Ping, null, AllowanceAt(now));
    }

    private SendPingResult Rejected(SendPingOutcome outcome, DateTimeOffset now, Ping? ping = null, DateTimeOffset? retryAt = null)
    {
        PingActorsMetrics.RecordRejected(outcome.ToString());
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

    private DateTimeOffset? ActiveCooldown(DateTimeOffset now) => _limits.CooldownUntil > now ? _limits.CooldownUntil : null;

    private Allowance AllowanceAt(DateTimeOffset now)
    {
        var today = Today(now);
        return new Allowance(DailyLimit, today.Count, calendar.ResetAfter(today.Day), ActiveCooldown(now));
    }
}
