using PingActors.Import.Sources;

namespace PingActors.Import.Planning;

/// <summary>How each source column maps to PingActors, in the plan's words.</summary>
internal static class ColumnMaps
{
    private static readonly (string Column, string Becomes)[] _optional =
    [
        ("response_time_minutes", "the response time in whole minutes, kept; the first response is the reply that took them, or the ping's time plus them"),
        ("first_response_at", "the first response, where it agrees with the minutes"),
        ("responded_at", "when a response or decline happened"),
        ("response_message", "the response's text (else the owner's first reply in the chat)"),
        ("message_id", "the ping's first message, when it is in the ping's chat"),
        ("updated_at", "when a decline or withdrawal happened, where nothing better says"),
        ("chat_id", "not needed: the chat derives from (listing, sender)"),
        ("ping_count", "not needed: PingActors counts"),
    ];

    public static IEnumerable<(string Table, string Column, string Becomes)> For(SourceShape shape)
    {
        foreach (var table in shape.PingTables)
        {
            var name = table.Name;
            yield return (name, "id", "the ping's id, kept");
            yield return (name, "sender_username", "the sender (must follow PingActors' username rule)");
            yield return (name, "receiver_username", "the receiver, who must be the listing's owner");
            yield return (name, "listing_id", "the listing, registered with the owner most of its pings name; a ping without one stays behind");
            yield return (name, "message", "the ping's text, and its first chat message (the source's own, matched by sender, text and time; made from the text if missing)");
            yield return (name, "status", "the status; pending past its expiry becomes expired, pending followed by a newer ping in its chat becomes withdrawn, an unknown one stays behind");
            yield return (name, "created_at", "the ping's time; its expiry (plus Pings:Expiry) and its sender's allowance day and slot follow from it");
            foreach (var (column, becomes) in _optional)
            {
                if (table.Has(column))
                {
                    yield return (name, column, becomes);
                }
            }
        }

        if (shape.PingTables.Count > 1)
        {
            yield return ("pings_optimized", "(all)", "read with pings; where an id is in both, pings (the live table) wins");
        }

        yield return (shape.Chats.Name, "id", "merged into PingActors' one chat of (listing, sender): its id derives from them");
        yield return (shape.Chats.Name, "participant_a, participant_b", "the listing's owner and the sender, in either order (duplicates for a pair merge)");
        yield return (shape.Chats.Name, "created_at", "the chat's start (the earliest of its rows, pings and messages)");
        yield return (shape.Messages.Name, "id", "the message's id, kept");
        yield return (shape.Messages.Name, "chat_id", "the merged chat; seqs 1, 2, 3, ... by time");
        yield return (shape.Messages.Name, "sender_username", "the author, who must be one of the two participants");
        yield return (shape.Messages.Name, "text", "the text, byte for byte");
        yield return (shape.Messages.Name, "created_at", "the message's time");
        if (shape.Limits is { } limits)
        {
            yield return (limits.Name, shape.LimitColumn, $"the user's own daily limit where it is not the default ({shape.DefaultLimit}); otherwise PingActors' default");
            yield return (limits.Name, "cooldown_until", "a cooldown, if it is still running");
            yield return (limits.Name, shape.Design == Design.Seed ? "daily_pings_sent, last_reset_date" : "(today's pings, counted on the fly)",
                "not stored: PingActors counts today's pings from the pings that come across; where that differs, the user is reported");
        }

        foreach (var table in shape.NotImported)
        {
            yield return (table.Name, "(all)", table.Name == "analytics_jobs"
                ? "not imported: PingActors rebuilds its analytics from the pings, and delivers nothing live for history"
                : "not imported: the seed replaced it with ping_limits_cache");
        }
    }
}
