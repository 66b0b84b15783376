using Npgsql;

namespace PingActors.Analytics;

/// <summary>What the workers read of an outbox event.</summary>
/// <param name="PingCreatedAt">When the ping the event is about was sent: figures count on that ping's day.</param>
/// <param name="Actor">Who acted (null for an expiry): the owner's own actions make their activity profile.</param>
internal sealed record AnalyticsEvent(
    Guid EventId,
    string Type,
    DateTimeOffset OccurredAt,
    Guid ListingId,
    string Sender,
    string Receiver,
    DateTimeOffset? PingCreatedAt,
    string? Actor = null)
{
    /// <summary>The columns <see cref="Read"/> reads, of the <c>events</c> table aliased <c>e</c>.</summary>
    public const string Columns = "e.event_id, e.event_type, e.occurred_at, e.listing_id, e.sender, e.receiver, e.ping_created_at, e.actor";

    /// <summary>Reads the event whose <see cref="Columns"/> start at column <paramref name="first"/>.</summary>
    public static AnalyticsEvent Read(NpgsqlDataReader reader, int first) => new(
        reader.GetGuid(first), reader.GetString(first + 1), reader.GetFieldValue<DateTimeOffset>(first + 2), reader.GetGuid(first + 3),
        reader.GetString(first + 4), reader.GetString(first + 5), reader.IsDBNull(first + 6) ? null : reader.GetFieldValue<DateTimeOffset>(first + 6),
        reader.IsDBNull(first + 7) ? null : reader.GetString(first + 7));
}
