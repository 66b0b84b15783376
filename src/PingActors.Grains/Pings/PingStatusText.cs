namespace PingActors.Pings;

/// <summary>Ping statuses as the <c>pings.status</c> column stores them.</summary>
internal static class PingStatusText
{
    public static string ToText(this PingStatus status) => status switch
    {
        PingStatus.Pending => "pending",
        PingStatus.Responded => "responded",
        PingStatus.Declined => "declined",
        PingStatus.Withdrawn => "withdrawn",
        PingStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static PingStatus Parse(string text) => text switch
    {
        "pending" => PingStatus.Pending,
        "responded" => PingStatus.Responded,
        "declined" => PingStatus.Declined,
        "withdrawn" => PingStatus.Withdrawn,
        "expired" => PingStatus.Expired,
        _ => throw new FormatException($"Unknown ping status '{text}'."),
    };
}
