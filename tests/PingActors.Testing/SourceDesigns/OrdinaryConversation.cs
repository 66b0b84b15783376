namespace PingActors.Testing.SourceDesigns;

/// <summary>
/// One ordinary conversation's timeline: one to three pings, each closed before the next, the last one
/// possibly still pending; answered pings have the owner's reply and a few more messages. No ping is within two
/// hours of its expiry, so whether it is pending or expired does not hang on the minute an import runs.
/// </summary>
internal sealed class OrdinaryConversation(Random random, SourceDataOptions options)
{
    private static readonly TimeSpan _margin = TimeSpan.FromHours(2);

    public SourceConversation Build(ConversationBuilder builder)
    {
        var now = options.Now;
        var count = random.Next(100) switch { < 75 => 1, < 95 => 2, _ => 3 };
        var at = Ids.Micros(now - TimeSpan.FromSeconds(random.NextDouble() * options.HistoryDays * 86_400));
        for (var k = 1; k <= count; k++)
        {
            if (Near(now - at))
            {
                if (k > 1)
                {
                    break;
                }

                at -= 2 * _margin;
            }

            if (at > now - TimeSpan.FromMinutes(2))
            {
                break;
            }

            var outcome = Decide(SourceTexts.Ping(random), at, last: k == count);
            builder.AddPing(outcome);
            var end = outcome.ClosedAt ?? at;
            if (outcome.ResponseAt is { } answered)
            {
                end = MoreMessages(builder, answered);
            }

            at = Ids.Micros(end + TimeSpan.FromMinutes(60 + random.Next(4 * 24 * 60)));
        }

        return builder.Build();
    }

    private bool Near(TimeSpan age) => (age - options.Expiry).Duration() < _margin;

    private PingOutcome Decide(string text, DateTimeOffset at, bool last)
    {
        var age = options.Now - at;
        var open = age < options.Expiry;
        var roll = random.Next(100);
        var kind = (open, last) switch
        {
            (true, true) => roll switch { < 45 => "pending", < 80 => "responded", < 92 => "declined", _ => "withdrawn" },
            (true, false) => roll switch { < 60 => "responded", < 85 => "declined", _ => "withdrawn" },
            _ => roll switch { < 45 => "responded", < 65 => "declined", < 75 => "withdrawn", _ => "expired" },
        };

        var window = open ? age : options.Expiry;
        var acted = Ids.Micros(at + TimeSpan.FromSeconds(60 + (random.NextDouble() * Math.Max(1, window.TotalSeconds - 120))));
        return kind switch
        {
            "pending" => PingOutcome.Pending(text, at),
            "responded" => PingOutcome.Responded(text, at, acted, SourceTexts.Reply(random)),
            "expired" => new PingOutcome(text, at, "expired", "expired", at + options.Expiry),
            _ => new PingOutcome(text, at, kind, kind, acted),
        };
    }

    /// <summary>Up to three more messages after a reply, taking turns; returns the time of the last one.</summary>
    private DateTimeOffset MoreMessages(ConversationBuilder builder, DateTimeOffset after)
    {
        var at = after;
        var author = builder.Sender;
        for (var i = random.Next(4); i > 0; i--)
        {
            var next = Ids.Micros(at + TimeSpan.FromSeconds(60 + random.Next(600 * 60)));
            if (next > options.Now - TimeSpan.FromMinutes(1))
            {
                break;
            }

            builder.AddMessage(author, SourceTexts.Reply(random), next);
            author = author == builder.Sender ? builder.Owner : builder.Sender;
            at = next;
        }

        return at;
    }
}
