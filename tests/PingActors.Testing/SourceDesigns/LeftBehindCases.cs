namespace PingActors.Testing.SourceDesigns;

/// <summary>
/// Rows the import cannot bring across, each with the reason it must report: names PingActors refuses, a ping
/// without a listing, a message whose chat is missing, a ping naming someone other than the listing's owner (sent
/// today, so the sender's count for today cannot come across whole either), a status nobody knows, a message by
/// someone outside the chat, and a ping to oneself.
/// </summary>
internal sealed class LeftBehindCases(Random random, SourceDataOptions options)
{
    /// <summary>Names PingActors refuses: a space and capitals, and too short.</summary>
    public static readonly string[] InvalidUsers = ["Bad User", "x"];

    private readonly DateTimeOffset _now = options.Now;

    public IEnumerable<SourceConversation> All()
    {
        var shared = Ids.Next(random);
        yield return Ordinary(shared, "good.sender", "bad.owner", _now - TimeSpan.FromDays(4));
        yield return WholeChatLeftBehind(shared, "Bad User", "bad.owner", _now - TimeSpan.FromDays(4) + TimeSpan.FromHours(1), "invalid-username", "invalid-username");
        yield return WholeChatLeftBehind(Ids.Next(random), "fine.sender", "x", _now - TimeSpan.FromDays(4), "invalid-username", "invalid-username");
        yield return WholeChatLeftBehind(null, "nolisting.sender", "nolisting.owner", _now - TimeSpan.FromDays(1), "no-listing", "no-listing");
        yield return OrphanMessage();

        var owned = Ids.Next(random);
        yield return Ordinary(owned, "honest.sender", "real.owner", _now - TimeSpan.FromDays(2));
        yield return Ordinary(owned, "honest.sender2", "real.owner", _now - TimeSpan.FromDays(3));
        var wrong = WholeChatLeftBehind(owned, "late.night", "wrong.owner", AwkwardCases.Today(_now, 1, 2), "not-listing-owner", "chat-outside-listing");
        yield return wrong with { LeftBehind = [.. wrong.LeftBehind, new LeftBehind(options.LimitsTable, "late.night", "allowance-not-carried")] };

        yield return UnknownStatus();
        yield return Intruder();

        var own = Ids.Next(random);
        yield return Ordinary(own, "self.friend", "self.owner", _now - TimeSpan.FromDays(3));
        yield return WholeChatLeftBehind(own, "self.owner", "self.owner", _now - TimeSpan.FromDays(5), "ping-to-self", "chat-with-oneself");
    }

    private SourceConversation Ordinary(Guid listing, string sender, string owner, DateTimeOffset at)
    {
        var builder = new ConversationBuilder(random, listing, owner, sender, options.Design == SourceDesign.Older);
        var answered = at + TimeSpan.FromMinutes(30);
        builder.AddPing(PingOutcome.Responded("Is it still for sale?", at, answered, "Yes."));
        return builder.Build();
    }

    /// <summary>A ping, its chat and its message, none of which can come across.</summary>
    private SourceConversation WholeChatLeftBehind(Guid? listing, string sender, string receiver, DateTimeOffset at, string pingReason, string chatReason)
    {
        var builder = new ConversationBuilder(random, listing, receiver, sender, options.Design == SourceDesign.Older);
        var ping = builder.AddPing(new PingOutcome("Can I have it?", at, "pending", null, at));
        var chat = builder.Chat(at);
        builder.LeaveBehind("pings", ping.Id, pingReason);
        builder.LeaveBehind("chats", chat.Id, chatReason);
        var conversation = builder.Build(importable: false);
        foreach (var message in conversation.Messages)
        {
            builder.LeaveBehind("messages", message.Id, "chat-not-imported");
        }

        if (InvalidUsers.Contains(sender))
        {
            builder.LeaveBehind(options.LimitsTable, sender, "invalid-username");
        }

        return builder.Build(importable: false);
    }

    private SourceConversation OrphanMessage()
    {
        var message = new SourceMessage(Ids.Next(random), Ids.Next(random), "orphan.author", "Anyone?", _now - TimeSpan.FromDays(7));
        return SourceConversation.Orphans([message], [new LeftBehind("messages", message.Id.ToString(), "chat-missing")]);
    }

    /// <summary>A ping whose status the old system invented later: it stays behind, its chat and message come across.</summary>
    private SourceConversation UnknownStatus()
    {
        var builder = new ConversationBuilder(random, Ids.Next(random), "archive.owner", "archive.sender", options.Design == SourceDesign.Older);
        var at = _now - TimeSpan.FromDays(8);
        var ping = builder.AddPing(new PingOutcome("Old question", at, "archived", null, at), withMessage: true);
        builder.LeaveBehind("pings", ping.Id, "unknown-status");
        return builder.Build();
    }

    /// <summary>A message in a chat by someone who is not one of its two participants.</summary>
    private SourceConversation Intruder()
    {
        var builder = new ConversationBuilder(random, Ids.Next(random), "host.owner", "host.sender", options.Design == SourceDesign.Older);
        var at = _now - TimeSpan.FromDays(9);
        builder.AddPing(PingOutcome.Responded("Is it new?", at, at + TimeSpan.FromHours(2), "Like new."));
        var message = builder.AddMessage("intruder.user", "I want it too!", at + TimeSpan.FromHours(3), expected: false);
        builder.LeaveBehind("messages", message.Id, "author-not-in-chat");
        return builder.Build();
    }
}
