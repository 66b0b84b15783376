using System.Diagnostics.CodeAnalysis;

namespace PingActors.Pings;

/// <summary>
/// Ping statuses as text: the one mapping the database column, the API's query parameter and its JSON all use.
/// </summary>
public static class PingStatusText
{
    /// <summary>The status as text: <c>pending</c>, <c>responded</c>, <c>declined</c>, <c>withdrawn</c> or <c>expired</c>.</summary>
    public static string ToText(this PingStatus status) => status switch
    {
        PingStatus.Pending => "pending",
        PingStatus.Responded => "responded",
        PingStatus.Declined => "declined",
        PingStatus.Withdrawn => "withdrawn",
        PingStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status named by <paramref name="text"/>, exactly as <see cref="ToText"/> writes it.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PingStatus status)
    {
        foreach (var candidate in Enum.GetValues<PingStatus>())
        {
            if (candidate.ToText() == text)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>The status named by <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text names no status.</exception>
    public static PingStatus Parse(string text) =>
        TryParse(text, out var status) ? status : throw new FormatException($"Unknown ping status '{text}'.");
}
