namespace PingActors.Benchmarks.Simulation;

/// <summary>
/// A synthetic marketplace, the same for every policy it runs under (it is drawn from a fixed seed): owners who
/// answer fast, slowly or hardly ever, each with a few listings (some listings far more popular than others),
/// senders who ping well (a few pings a day to listings they care about) and spammers (bursts to any listing).
/// </summary>
internal sealed class Marketplace
{
    private Marketplace(IReadOnlyList<SimulatedOwner> owners, IReadOnlyList<SimulatedListing> listings, IReadOnlyList<SimulatedSender> senders)
    {
        Owners = owners;
        Listings = listings;
        Senders = senders;
    }

    public IReadOnlyList<SimulatedOwner> Owners { get; }

    public IReadOnlyList<SimulatedListing> Listings { get; }

    public IReadOnlyList<SimulatedSender> Senders { get; }

    public static Marketplace Draw(int owners, int goodSenders, int spammers, int seed)
    {
        var random = new Random(seed);
        var ownerList = Enumerable.Range(0, owners).Select(i => new SimulatedOwner(
            $"sim-owner-{i:D4}",
            random.NextDouble() switch
            {
                < 0.35 => OwnerKind.Fast,
                < 0.75 => OwnerKind.Slow,
                _ => OwnerKind.Absent,
            })).ToList();
        var listings = new List<SimulatedListing>();
        foreach (var owner in ownerList)
        {
            var count = random.NextDouble() < 0.05 ? 15 : 1 + random.Next(3); // a few dealers with many listings
            for (var j = 0; j < count; j++)
            {
                // Popularity falls off like a power law: a few listings draw most good senders.
                listings.Add(new SimulatedListing(Guid.NewGuid(), owner, Math.Pow(random.NextDouble(), 3)));
            }
        }

        var senders = Enumerable.Range(0, goodSenders).Select(i => new SimulatedSender($"sim-good-{i:D4}", Spam: false, PingsPerDay: 1 + (4 * random.NextDouble())))
            .Concat(Enumerable.Range(0, spammers).Select(i => new SimulatedSender($"sim-spam-{i:D4}", Spam: true, PingsPerDay: 60 + (40 * random.NextDouble()))))
            .ToList();
        return new Marketplace(ownerList, listings, senders);
    }
}

internal enum OwnerKind
{
    Fast,
    Slow,
    Absent,
}

internal sealed record SimulatedOwner(string Name, OwnerKind Kind);

internal sealed record SimulatedListing(Guid Id, SimulatedOwner Owner, double Popularity);

internal sealed record SimulatedSender(string Name, bool Spam, double PingsPerDay);
