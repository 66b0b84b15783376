using Microsoft.Extensions.Time.Testing;
using PingActors.Chats;
using PingActors.Listings;
using PingActors.Pings;
using PingActors.Users;

namespace PingActors.Benchmarks.Simulation;

/// <summary>
/// Runs the marketplace through the real grains for a number of days on the domain clock: every sender's attempts
/// at their times, each admitted ping answered, declined or left by its owner as the owner's kind has it, the clock
/// moved minute by minute (so expiry sweeps and every time-based rule run as they would).
/// </summary>
internal sealed class SimulationRun(Marketplace market, IGrainFactory grains, FakeTimeProvider clock, int days, int seed)
{
    private static readonly TimeSpan _life = TimeSpan.FromHours(72);

    private readonly SimulationTally _tally = new();
    private readonly PriorityQueue<Func<Task>, DateTimeOffset> _due = new();
    private readonly Random _random = new(seed);
    private readonly HashSet<(string Sender, string Owner)> _declined = [];
    private List<SimulatedListing> _popular = [];
    private double[] _weights = [];

    public async Task<SimulationTally> RunAsync(string policy, Action<double> progress)
    {
        var start = clock.GetUtcNow();
        var end = start.AddDays(days);
        await Concurrently.ForEachAsync(market.Listings, 64, listing => grains.GetGrain<IListingGrain>(listing.Id).RegisterAsync(listing.Owner.Name, "A thing for sale"));
        ScheduleAttempts(start);

        while (_due.TryPeek(out _, out var at) && at < end + _life)
        {
            var minute = new DateTimeOffset(at.Ticks - (at.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
            if (minute > clock.GetUtcNow())
            {
                clock.SetUtcNow(minute);
            }

            var batch = new List<Func<Task>>();
            while (_due.TryPeek(out _, out var next) && next < minute)
            {
                batch.Add(_due.Dequeue());
            }

            await Task.WhenAll(batch.Select(action => action()));
            progress(Math.Min(1, (clock.GetUtcNow() - start) / (end + _life - start)));
        }

        _tally.Finish(policy, start, end);
        return _tally;
    }

    /// <summary>
    /// Good senders ping through the waking day at their rate, each listing once, and behave as a good client lets
    /// them: they do not ping an owner who declined them, and they read their limits first and wait out a cooldown
    /// (counted as deferred, not refused). Spammers ping in three bursts a day, ten seconds apart, anything.
    /// </summary>
    private void ScheduleAttempts(DateTimeOffset start)
    {
        _popular = [.. market.Listings.OrderByDescending(l => l.Popularity)];
        _weights = [.. _popular.Select(l => l.Popularity)];
        foreach (var sender in market.Senders)
        {
            var pinged = new HashSet<Guid>();
            for (var day = 0; day < days; day++)
            {
                var morning = start.AddDays(day).AddHours(8);
                var count = Poisson(sender.PingsPerDay);
                if (sender.Spam)
                {
                    for (var burst = 0; burst < 3; burst++)
                    {
                        var at = morning.AddMinutes(_random.Next(14 * 60));
                        for (var i = burst; i < count; i += 3)
                        {
                            Schedule(sender, market.Listings[_random.Next(market.Listings.Count)], at.AddSeconds(10 * (i / 3)));
                        }
                    }
                }
                else
                {
                    for (var i = 0; i < count; i++)
                    {
                        _due.Enqueue(() => GoodAttemptAsync(sender, pinged), morning.AddMinutes(_random.Next(14 * 60)));
                    }
                }
            }
        }
    }

    private void Schedule(SimulatedSender sender, SimulatedListing listing, DateTimeOffset at) => _due.Enqueue(() => AttemptAsync(sender, listing), at);

    private async Task GoodAttemptAsync(SimulatedSender sender, HashSet<Guid> pinged)
    {
        var limits = await grains.GetGrain<IUserGrain>(sender.Name).GetAllowanceAsync();
        if (limits.CooldownUntil is { } until && until > clock.GetUtcNow())
        {
            _tally.Deferred();
            lock (_due)
            {
                _due.Enqueue(() => GoodAttemptAsync(sender, pinged), until);
            }

            return;
        }

        SimulatedListing listing;
        lock (_due)
        {
            listing = Pick(sender, pinged);
        }

        await AttemptAsync(sender, listing);
    }

    private async Task AttemptAsync(SimulatedSender sender, SimulatedListing listing)
    {
        var now = clock.GetUtcNow();
        var result = await grains.GetGrain<IUserGrain>(sender.Name).SendPingAsync(new SendPing(Guid.NewGuid(), listing.Id, "Is this still for sale?"));
        _tally.Attempted(sender.Spam, result.Outcome, result.Limit);
        if (result.Outcome != SendPingOutcome.Sent)
        {
            return;
        }

        var ping = result.Ping!;
        lock (_due)
        {
            var (action, delay) = OwnerBehaviour.Decide(listing.Owner.Kind, sender.Spam, _random);
            var closedAt = action is not null && delay < _life ? now + delay : now + _life;
            _tally.Admitted(sender.Spam, listing.Owner.Name, now, closedAt, answered: action == SimulatedAction.Respond && delay < _life);
            if (action is { } act && delay < _life)
            {
                var chat = grains.GetGrain<IChatGrain>(ping.ChatId);
                _due.Enqueue(act == SimulatedAction.Respond
                    ? () => chat.RespondAsync(listing.Owner.Name, ping.PingId, "Yes, it is.")
                    : () => DeclineAsync(chat, sender, listing.Owner, ping.PingId), closedAt);
            }
        }
    }

    private async Task DeclineAsync(IChatGrain chat, SimulatedSender sender, SimulatedOwner owner, Guid pingId)
    {
        await chat.DeclineAsync(owner.Name, pingId);
        lock (_due)
        {
            _declined.Add((sender.Name, owner.Name));
        }
    }

    /// <summary>A listing the sender has not pinged, of an owner who has not declined them, by popularity.</summary>
    private SimulatedListing Pick(SimulatedSender sender, HashSet<Guid> pinged)
    {
        var total = _weights.Sum();
        for (var draw = 0; draw < 100; draw++)
        {
            var roll = _random.NextDouble() * total;
            var i = 0;
            while (i < _weights.Length - 1 && (roll -= _weights[i]) > 0)
            {
                i++;
            }

            if (!_declined.Contains((sender.Name, _popular[i].Owner.Name)) && pinged.Add(_popular[i].Id))
            {
                return _popular[i];
            }
        }

        return _popular.First(l => !_declined.Contains((sender.Name, l.Owner.Name)) && pinged.Add(l.Id));
    }

    private int Poisson(double mean)
    {
        var (limit, count, product) = (Math.Exp(-mean), 0, _random.NextDouble());
        while (product > limit)
        {
            count++;
            product *= _random.NextDouble();
        }

        return count;
    }
}
