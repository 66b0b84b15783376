using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PingActors.Api.Notifications;

/// <summary>
/// Where a stream resumes: after position <see cref="Seq"/>, and, when the id says so, with the allowance day the
/// client last heard of. An item of the outbox has its position as its id (<c>1234</c>): the same event has the same
/// id however it is delivered. A position the stream hands out otherwise (a cursor frame, a reset of the allowance)
/// also names the day (<c>1234:20261130</c>), so a resumed stream knows whether a reset passed meanwhile.
/// </summary>
public readonly record struct StreamCursor(long Seq, DateOnly? Day)
{
    public override string ToString() => Day is { } day
        ? string.Create(CultureInfo.InvariantCulture, $"{Seq}:{day:yyyyMMdd}")
        : Seq.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, [NotNullWhen(true)] out StreamCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 40)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var seqText = colon < 0 ? text : text[..colon];
        if (!long.TryParse(seqText, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        DateOnly? day = null;
        if (colon >= 0)
        {
            if (!DateOnly.TryParseExact(text[(colon + 1)..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return false;
            }

            day = parsed;
        }

        cursor = new StreamCursor(seq, day);
        return true;
    }
}
