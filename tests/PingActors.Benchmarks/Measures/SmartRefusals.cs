using PingActors.Benchmarks.Systems;
using PingActors.Chats;
using PingActors.Listings;
using PingActors.Pings;
using PingActors.Users;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Senders each refused by one of PingActors' smart rules, set up through the grains: the next ping each of them
/// tries is refused by that rule, and keeps being refused while the round lasts.
/// </summary>
internal static class SmartRefusals
{
    public const string OwnerBusy = "owner-busy";
    public const string RecentlyDeclined = "recently-declined";
    public const string TooManyPending = "too-many-pending";

    public static IReadOnlyList<string> Rules { get; } = [OwnerBusy, RecentlyDeclined, TooManyPending];

    /// <summary>A sender whose every ping <paramref name="rule"/> refuses, and the listing it pings.</summary>
    public static async Task<(string Sender, Guid Listing, string Owner)> SetUpAsync(IClusterClient grains, string rule)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var sender = $"smart-{tag}";
        switch (rule)
        {
            case OwnerBusy:
            {
                // A listing takes 20 new pings in 24 hours.
                var (listing, owner) = await ListingAsync(grains, $"busy-{tag}");
                await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SendAsync(grains, $"fan-{i:D2}-{tag}", listing)));
                return (sender, listing, owner);
            }

            case RecentlyDeclined:
            {
                var (listing, owner) = await ListingAsync(grains, $"declining-{tag}");
                var ping = (await SendAsync(grains, sender, listing)).Ping!;
                await grains.GetGrain<IChatGrain>(ping.ChatId).DeclineAsync(owner, ping.PingId);

                // The chat tells the owner's grain of the decline one way; until it lands, a ping to another of the
                // owner's listings may still go through (harmless here), after it every one is refused.
                for (var probe = 0; ; probe++)
                {
                    var other = Guid.NewGuid();
                    await grains.GetGrain<IListingGrain>(other).RegisterAsync(owner, "A thing for sale");
                    var result = await grains.GetGrain<IUserGrain>(sender).SendPingAsync(new SendPing(Guid.NewGuid(), other, "Is this still available?"));
                    if (result.Outcome == SendPingOutcome.RecentlyDeclined)
                    {
                        return (sender, listing, owner);
                    }

                    if (probe == 1000)
                    {
                        throw new InvalidOperationException($"{owner}'s grain never heard of the decline.");
                    }
                }
            }

            case TooManyPending:
            {
                // 50 pings pending, each to another owner, so no owner's rule is the one that bites.
                for (var i = 0; i < 50; i++)
                {
                    var (other, _) = await ListingAsync(grains, $"pending-{i:D2}-{tag}");
                    await SendAsync(grains, sender, other);
                }

                var (listing, owner) = await ListingAsync(grains, $"last-{tag}");
                return (sender, listing, owner);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, null);
        }
    }

    private static async Task<(Guid Listing, string Owner)> ListingAsync(IClusterClient grains, string owner)
    {
        var listing = Guid.NewGuid();
        await grains.GetGrain<IListingGrain>(listing).RegisterAsync(owner, "A thing for sale");
        return (listing, owner);
    }

    private static async Task<SendPingResult> SendAsync(IClusterClient grains, string sender, Guid listing)
    {
        var result = await grains.GetGrain<IUserGrain>(sender).SendPingAsync(new SendPing(Guid.NewGuid(), listing, "Is this still available?"));
        return result.Outcome == SendPingOutcome.Sent ? result : throw new InvalidOperationException($"Setting up a smart refusal, {sender}'s ping was {result.Outcome}.");
    }

    /// <summary>The request the refused sender keeps making.</summary>
    public static PingRequest Request((string Sender, Guid Listing, string Owner) setUp, string message) =>
        new(setUp.Sender, setUp.Listing, setUp.Owner, message);
}
