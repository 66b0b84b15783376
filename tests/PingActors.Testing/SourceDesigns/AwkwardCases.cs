namespace PingActors.Testing.SourceDesigns;

/// <summary>
/// The cases an import must cope with, each in conversations of its own users: duplicate chats for a pair,
/// messages written out of order, pings without their message (and without their chat), pending pings past
/// their expiry, a user over today's limit, odd text, two pending pings in one chat, settings (a cooldown, a
/// lower limit), and the rows that cannot come across (<see cref="LeftBehindCases"/>).
/// </summary>
internal sealed class AwkwardCases(SourceDataOptions options)
{
    private readonly Random _random = new(options.Seed + 99);
    private readonly DateTimeOffset _now = options.Now;

    /// <summary>The users these cases add, with their settings.</summary>
    public static IEnumerable<SourceUser> Users(DateTimeOffset now) =>
    [
        new("cool.down", 50, Ids.Micros(now + TimeSpan.FromHours(5))),
        new("small.limit", 10, null),
        .. LeftBehindCases.InvalidUsers.Select(name => new SourceUser(name, 50, null)),
    ];

    public IEnumerable<SourceConversation> All()
    {
        yield return DuplicateChats("dup.sender1", onePing: true);
        yield return DuplicateChats("dup.sender2", onePing: false);
        yield return OutOfOrder();
        yield return WithoutMessage("lost.sender1", withChat: true);
        yield return WithoutMessage("lost.sender2", withChat: false);
        yield return PastExpiry("stale.sender1", options.Expiry + TimeSpan.FromDays(2));
        yield return PastExpiry("stale.sender2", options.Expiry + TimeSpan.FromHours(6));
        foreach (var conversation in OverLimit())
        {
            yield return conversation;
        }

        yield return OddText();
        yield return TwicePending();
        yield return Single("cool.down", "settings.owner", _now - TimeSpan.FromDays(1));
        yield return Single("small.limit", "settings.owner", Today(1, 3));
        yield return Single("small.limit", "settings.owner", Today(2, 3));
        foreach (var conversation in new LeftBehindCases(_random, options).All())
        {
            yield return conversation;
        }
    }

    /// <summary>A moment today (UTC) before now: the <paramref name="part"/>-th of <paramref name="parts"/> since midnight.</summary>
    public static DateTimeOffset Today(DateTimeOffset now, int part, int parts)
    {
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return Ids.Micros(midnight + ((now - midnight) * part / (parts + 1)));
    }

    private DateTimeOffset Today(int part, int parts) => Today(_now, part, parts);

    private ConversationBuilder Builder(string sender, string owner) => new(_random, Ids.Next(_random), owner, sender, options.Design == SourceDesign.Older);

    /// <summary>The owner's replies went into a second chat, keyed the other way round: (listing, owner, sender).</summary>
    private SourceConversation DuplicateChats(string sender, bool onePing)
    {
        var builder = Builder(sender, "dup.owner");
        var at = _now - TimeSpan.FromDays(6);
        if (!onePing)
        {
            builder.AddPing(new PingOutcome("First try", at, "declined", "declined", at + TimeSpan.FromHours(1)));
            at += TimeSpan.FromDays(1);
        }

        var answered = at + TimeSpan.FromMinutes(185.5);
        builder.AddPing(PingOutcome.Responded("Still available?", at, answered, "Yes, come by."));
        builder.AddMessage(sender, "Great, tomorrow at 10?", answered + TimeSpan.FromMinutes(3));
        builder.AddMessage("dup.owner", "Works for me.", answered + TimeSpan.FromMinutes(9));
        builder.MoveMessages("dup.owner", builder.AddChat("dup.owner", sender, answered));
        return builder.Build();
    }

    /// <summary>Messages written newest first, so neither their ids nor the table's order follow time.</summary>
    private SourceConversation OutOfOrder()
    {
        var builder = Builder("order.sender", "order.owner");
        var at = _now - TimeSpan.FromDays(3);
        var answered = at + TimeSpan.FromMinutes(42);
        builder.AddPing(PingOutcome.Responded("Is the bike still there?", at, answered, "It is."));
        for (var i = 1; i <= 5; i++)
        {
            builder.AddMessage(i % 2 == 1 ? "order.sender" : "order.owner", $"Message {i} after the reply", answered + TimeSpan.FromMinutes(i * 7));
        }

        return builder.Build(reverseMessages: true);
    }

    /// <summary>A ping whose message never got written (and, without <paramref name="withChat"/>, nor its chat).</summary>
    private SourceConversation WithoutMessage(string sender, bool withChat)
    {
        var builder = Builder(sender, "lost.owner");
        var outcome = withChat
            ? PingOutcome.Pending("Where can I see it?", _now - TimeSpan.FromDays(2))
            : new PingOutcome("Would you ship it?", _now - TimeSpan.FromDays(5), "declined", "declined", _now - TimeSpan.FromDays(4));
        builder.AddPing(outcome, withMessage: false, withChat: withChat);
        return builder.Build();
    }

    /// <summary>A ping the old system still calls pending, long past the expiry PingActors applies.</summary>
    private SourceConversation PastExpiry(string sender, TimeSpan age)
    {
        var builder = Builder(sender, "stale.owner");
        var at = Ids.Micros(_now - age);
        builder.AddPing(new PingOutcome("Anyone there?", at, "pending", "expired", at));
        return builder.Build();
    }

    /// <summary>One sender with 60 pings today against a limit of 50: the seed's unlocked check let them through.</summary>
    private IEnumerable<SourceConversation> OverLimit()
    {
        for (var i = 1; i <= 60; i++)
        {
            var builder = Builder("over.limit", $"limit.owner{i % 3}");
            builder.AddPing(PingOutcome.Pending($"Interested ({i})", Today(i, 60)));
            yield return builder.Build();
        }
    }

    private SourceConversation OddText()
    {
        var builder = Builder("odd.sender", "odd.owner");
        var at = _now - TimeSpan.FromDays(10);
        var odd = SourceTexts.Odd;
        builder.AddPing(PingOutcome.Responded(odd[0], at, at + TimeSpan.FromMinutes(2), odd[1]));
        for (var i = 2; i < odd.Count; i++)
        {
            builder.AddMessage(i % 2 == 0 ? "odd.sender" : "odd.owner", odd[i], at + TimeSpan.FromMinutes(2 + i));
        }

        return builder.Build();
    }

    /// <summary>Two pending pings in one chat: PingActors keeps one open ping per chat, so the older one is withdrawn by the newer.</summary>
    private SourceConversation TwicePending()
    {
        var builder = Builder("twice.sender", "twice.owner");
        builder.AddPing(new PingOutcome("Hello?", _now - TimeSpan.FromHours(10), "pending", "withdrawn", _now - TimeSpan.FromHours(10)));
        builder.AddPing(PingOutcome.Pending("Hello again?", _now - TimeSpan.FromHours(2)));
        return builder.Build();
    }

    private SourceConversation Single(string sender, string owner, DateTimeOffset at)
    {
        var builder = Builder(sender, owner);
        builder.AddPing(PingOutcome.Pending("Is it available?", Ids.Micros(at)));
        return builder.Build();
    }
}
