namespace PingActors.Testing.SourceDesigns;

/// <summary>
/// Generates a source system's history, deterministically from <see cref="SourceDataOptions.Seed"/>: ordinary
/// conversations (a listing's owner and one sender, one to three pings each, answered, declined, withdrawn,
/// expired or pending), then, when asked, the awkward cases. Each conversation carries what PingActors must show
/// for it, so tests can check an import against it. Enumerating twice gives the same rows.
/// </summary>
public sealed class SourceDataGenerator
{
    private readonly SourceDataOptions _options;
    private readonly string[] _users;

    public SourceDataGenerator(SourceDataOptions options)
    {
        _options = options with { Now = Ids.Micros(options.Now) };
        _users = Enumerable.Range(1, Math.Max(12, options.Pings / 4)).Select(i => $"user{i:D6}").ToArray();
        var settings = new Random(options.Seed + 1);
        var users = _users.Select(name => Settings(settings, name, _options.Now)).ToList();
        if (options.AwkwardCases)
        {
            users.AddRange(AwkwardCases.Users(_options.Now));
        }

        Users = users;
    }

    public SourceDataOptions Options => _options;

    /// <summary>Every user and their limit settings (the awkward cases' users too).</summary>
    public IReadOnlyList<SourceUser> Users { get; }

    /// <summary>The conversations, the ordinary ones first, until they hold <see cref="SourceDataOptions.Pings"/> pings.</summary>
    public IEnumerable<SourceConversation> Conversations()
    {
        var random = new Random(_options.Seed);
        var listings = Enumerable.Range(0, Math.Max(6, _options.Pings * 2 / 3))
            .Select(_ => (Id: Ids.Next(random), Owner: random.Next(_users.Length)))
            .ToArray();
        var pairs = new HashSet<(int Listing, int Sender)>();
        var pings = 0;
        while (pings < _options.Pings)
        {
            var listing = random.Next(listings.Length);
            var sender = random.Next(_users.Length);
            if (sender == listings[listing].Owner || !pairs.Add((listing, sender)))
            {
                continue;
            }

            var builder = new ConversationBuilder(random, listings[listing].Id, _users[listings[listing].Owner], _users[sender], _options.Design == SourceDesign.Older);
            var conversation = new OrdinaryConversation(random, _options).Build(builder);
            pings += conversation.Pings.Count;
            yield return conversation;
        }

        if (_options.AwkwardCases)
        {
            foreach (var conversation in new AwkwardCases(_options).All())
            {
                yield return conversation;
            }
        }
    }

    private static SourceUser Settings(Random random, string name, DateTimeOffset now)
    {
        var hours = TimeSpan.FromHours(1 + random.Next(71));
        return random.Next(100) switch
        {
            < 3 => new SourceUser(name, 10, null),
            < 5 => new SourceUser(name, 100, null),
            < 7 => new SourceUser(name, 50, Ids.Micros(now + hours)),
            < 9 => new SourceUser(name, 50, Ids.Micros(now - hours)),
            _ => new SourceUser(name, 50, null),
        };
    }
}
