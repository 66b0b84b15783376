using Microsoft.Extensions.DependencyInjection;
using PingActors.Analytics;
using PingActors.Chats;
using PingActors.Listings;
using PingActors.Pings;
using PingActors.Testing;
using PingActors.Users;

namespace PingActors.Api.Tests.Analytics;

/// <summary>
/// The API over a database holding a generated history: at least 5,000 pings over 40 simulated days (the domain
/// clock is moved to each action's time), with responses after minutes, hours and days, declines, withdrawals
/// and expiries left to the sweeper. The event workers run as they do in production; the fixture is ready once
/// every due ping has expired and every event is applied.
/// </summary>
public sealed class HistoryFixture() : ApiFixture(new Dictionary<string, string>
{
    ["Analytics:PollInterval"] = "00:00:00.050",
    ["Pings:DailyLimit"] = "1000",
    // Twelve owners: enough to fit the insight model's population figures from.
    ["Insights:MinOwners"] = "5",
    // The history is about analytics, not limits: the flat allowance keeps its simulated senders from being stopped.
    ["Limits:Preset"] = "Flat",
})
{
    public const int Days = 40;
    public const int MinimumPings = 5_000;

    private const int Owners = 12;
    private const int ListingsPerOwner = 8;
    private const int Senders = 60;

    public IReadOnlyList<string> Users { get; private set; } = [];

    public IReadOnlyList<Guid> Listings { get; private set; } = [];

    public DateTimeOffset Start { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var grains = Services.GetRequiredService<IGrainFactory>();
        var random = new Random(20261128);
        var owners = Enumerable.Range(0, Owners).Select(i => $"owner-{i:00}").ToArray();
        var senders = Enumerable.Range(0, Senders).Select(i => $"sender-{i:00}").ToArray();
        var listings = new List<(Guid Id, string Owner)>();
        foreach (var owner in owners)
        {
            for (var i = 0; i < ListingsPerOwner; i++)
            {
                var listing = (Guid.NewGuid(), owner);
                await grains.GetGrain<IListingGrain>(listing.Item1).RegisterAsync(owner, $"Item {i} of {owner}");
                listings.Add(listing);
            }
        }

        Users = [.. owners, .. senders];
        Listings = [.. listings.Select(l => l.Id)];
        var now = Clock.GetUtcNow();
        Start = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);

        // Every send is planned up front; what follows a ping (a response, a decline, a withdrawal, or nothing
        // until it expires) is queued when it has been sent.
        var timeline = new PriorityQueue<Func<Task>, DateTimeOffset>();
        for (var day = 0; day < Days; day++)
        {
            var count = 128 + random.Next(8);
            for (var i = 0; i < count; i++)
            {
                var at = Start.AddDays(day).AddSeconds(random.Next(86_400));
                // Owners ping each other's listings now and then, so some users both send and receive.
                var sender = random.Next(8) == 0 ? owners[random.Next(Owners)] : senders[random.Next(Senders)];
                var listing = listings[random.Next(listings.Count)];
                if (listing.Owner == sender)
                {
                    continue;
                }

                var followUp = random.NextDouble();
                var delay = FollowUpDelay(random, followUp);
                timeline.Enqueue(() => SendAsync(sender, listing.Id, listing.Owner, followUp, delay), at);
            }
        }

        while (timeline.TryDequeue(out var action, out var at))
        {
            if (at > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(at);
            }

            await action();
        }

        // Past every expiry, then wait for the sweeper and the workers to have caught up.
        var expiry = Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PingOptions>>().Value.Expiry;
        await using var signals = await DatabaseSignals.ListenAsync(Database.ConnectionString, AnalyticsProcessor.Channel, "pingactors_expiry");
        Clock.SetUtcNow(Start.AddDays(Days) + expiry + TimeSpan.FromMinutes(2));
        await signals.UntilAsync(
            async () => await Database.ScalarAsync<long>(
                "SELECT (SELECT count(*) FROM pings WHERE status = 'pending' AND expires_at <= $1) + (SELECT count(*) FROM unprocessed_events)",
                Clock.GetUtcNow()) == 0,
            TimeSpan.FromMinutes(2), "the expiry sweep and the event workers to finish");

        async Task SendAsync(string sender, Guid listingId, string owner, double followUp, TimeSpan delay)
        {
            var sent = await grains.GetGrain<IUserGrain>(sender).SendPingAsync(new SendPing(Guid.CreateVersion7(), listingId, "Is this still for sale?"));
            if (sent.Outcome != SendPingOutcome.Sent)
            {
                return; // already pending for this listing: nothing to follow up
            }

            var ping = sent.Ping!;
            var chat = grains.GetGrain<IChatGrain>(ping.ChatId);
            Func<Task>? next = followUp switch
            {
                < 0.45 => () => chat.RespondAsync(owner, ping.PingId, "Yes, it is."),
                < 0.60 => () => chat.DeclineAsync(owner, ping.PingId),
                < 0.70 => () => chat.WithdrawAsync(sender, ping.PingId),
                _ => null, // left to expire
            };
            if (next is not null)
            {
                timeline.Enqueue(next, Clock.GetUtcNow() + delay);
            }
        }
    }

    /// <summary>How long after its ping a follow-up comes: responses within the hour, within hours, within the day, and later.</summary>
    private static TimeSpan FollowUpDelay(Random random, double followUp)
    {
        if (followUp >= 0.45)
        {
            return TimeSpan.FromMinutes(random.Next(0, 30 * 60));
        }

        var bucket = random.NextDouble();
        return bucket switch
        {
            < 0.35 => TimeSpan.FromSeconds(random.Next(0, 3_600)),
            < 0.60 => TimeSpan.FromMinutes(random.Next(60, 6 * 60)),
            < 0.85 => TimeSpan.FromMinutes(random.Next(6 * 60, 24 * 60 + 30)),
            _ => TimeSpan.FromMinutes(random.Next(24 * 60, 70 * 60)),
        };
    }
}

[CollectionDefinition(Name)]
public sealed class HistoryCollection : ICollectionFixture<HistoryFixture>
{
    public const string Name = "analytics-history";
}
