using System.Diagnostics.CodeAnalysis;
using PingActors.Paging;
using PingActors.Pings;

namespace PingActors.Api.Pings;

/// <summary>The query of <c>GET /v1/pings</c>.</summary>
/// <param name="Box"><c>sent</c> or <c>received</c>.</param>
/// <param name="Status">Only pings in this status: <c>pending</c>, <c>responded</c>, <c>declined</c>, <c>withdrawn</c> or <c>expired</c>.</param>
/// <param name="Limit">Page size, 1 to 100 (default 20).</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
public sealed record PingListParameters(string? Box, string? Status, int? Limit, string? Cursor)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The query these parameters ask for, or the parameters at fault.</summary>
    public bool TryParse([NotNullWhen(true)] out PingListQuery? query, out Dictionary<string, string[]> errors)
    {
        errors = [];
        PingBox? box = Box switch
        {
            "sent" => PingBox.Sent,
            "received" => PingBox.Received,
            _ => null,
        };
        if (box is null)
        {
            errors["box"] = ["box is 'sent' or 'received'."];
        }

        PingStatus? status = null;
        if (Status is not null)
        {
            if (PingStatusText.TryParse(Status, out var parsed))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = ["status is one of pending, responded, declined, withdrawn, expired."];
            }
        }

        var limit = Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit is 1 to {MaxLimit}."];
        }

        PageCursor? after = null;
        if (Cursor is not null && !PageCursor.TryParse(Cursor, out after))
        {
            errors["cursor"] = ["This cursor did not come from this list."];
        }

        query = errors.Count == 0 ? new PingListQuery(box!.Value, status, limit, after) : null;
        return query is not null;
    }
}
