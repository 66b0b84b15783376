using PingActors.Benchmarks.Systems;

namespace PingActors.Benchmarks;

/// <summary>
/// The same workload for every system: senders drawn from the users, listings from the pre-registered
/// listings (each with its owner), and messages of 30 to 200 characters.
/// </summary>
internal sealed class Workload
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789,.?!";
    private readonly string[] _messages;

    public Workload(BenchmarkPlan plan, int seed = 20261128)
    {
        var random = new Random(seed);
        Users = [.. Enumerable.Range(0, plan.Users).Select(i => $"user-{i:D6}")];
        Owners = [.. Enumerable.Range(0, plan.Owners).Select(i => $"owner-{i:D4}")];
        Listings = [.. Enumerable.Range(0, plan.Listings).Select(i => (Id: RandomGuid(random), Owner: Owners[i % Owners.Length]))];
        _messages = [.. Enumerable.Range(0, 4096).Select(_ => Message(random))];
    }

    public string[] Users { get; }

    public string[] Owners { get; }

    public (Guid Id, string Owner)[] Listings { get; }

    /// <summary>A random sender, listing and message.</summary>
    public PingRequest Pick(Random random)
    {
        var (listingId, owner) = Listings[random.Next(Listings.Length)];
        return new PingRequest(Users[random.Next(Users.Length)], listingId, owner, _messages[random.Next(_messages.Length)]);
    }

    /// <summary>A random listing and message for a given sender.</summary>
    public PingRequest PickFor(string sender, Random random)
    {
        var (listingId, owner) = Listings[random.Next(Listings.Length)];
        return new PingRequest(sender, listingId, owner, _messages[random.Next(_messages.Length)]);
    }

    public string AnyMessage(Random random) => _messages[random.Next(_messages.Length)];

    private static string Message(Random random)
    {
        var chars = new char[random.Next(30, 201)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        chars[0] = 'H';
        chars[^1] = '?';
        return new string(chars);
    }

    private static Guid RandomGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
