using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PingActors.Api.Problems;
using PingActors.Pings;
using PingActors.Text;

namespace PingActors.Api.Pings;

/// <summary>The problem each rejected send answers with.</summary>
internal static class PingProblems
{
    /// <summary>Every problem a send can be refused with, for the routes that send to declare.</summary>
    public static readonly string[] Refusals =
    [
        ProblemTypes.ListingNotFound, ProblemTypes.ListingClosed, ProblemTypes.PingAlreadyPending, ProblemTypes.OwnListing,
        ProblemTypes.InvalidMessage, ProblemTypes.DailyLimitExceeded, ProblemTypes.CooldownActive, ProblemTypes.TooManyPending,
        ProblemTypes.OwnerBusy, ProblemTypes.RecentlyDeclined, ProblemTypes.PendingWithOwner,
    ];

    /// <summary>The problem for a rejection, and the Retry-After it carries (for a limit or a cooldown).</summary>
    public static (ProblemDetails Problem, string? RetryAfter) For(SendPingResult result, DateTimeOffset now)
    {
        var slug = result.Outcome switch
        {
            SendPingOutcome.DailyLimitExceeded => ProblemTypes.DailyLimitExceeded,
            SendPingOutcome.CooldownActive => ProblemTypes.CooldownActive,
            SendPingOutcome.ListingNotFound => ProblemTypes.ListingNotFound,
            SendPingOutcome.ListingClosed => ProblemTypes.ListingClosed,
            SendPingOutcome.PingAlreadyPending => ProblemTypes.PingAlreadyPending,
            SendPingOutcome.OwnListing => ProblemTypes.OwnListing,
            SendPingOutcome.InvalidMessage => ProblemTypes.InvalidMessage,
            SendPingOutcome.TooManyPending => ProblemTypes.TooManyPending,
            SendPingOutcome.OwnerBusy => ProblemTypes.OwnerBusy,
            SendPingOutcome.RecentlyDeclined => ProblemTypes.RecentlyDeclined,
            SendPingOutcome.PendingWithOwner => ProblemTypes.PendingWithOwner,
            _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "Not a rejection."),
        };
        var (status, title) = ApiProblems.Describe(slug);
        ProblemDetails problem = slug == ProblemTypes.InvalidMessage
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["message"] = [InvalidMessage] })
            : new ProblemDetails();
        problem.Type = ProblemTypes.Uri(slug);
        problem.Status = status;
        problem.Title = title;

        if (result.Outcome == SendPingOutcome.PingAlreadyPending)
        {
            problem.Extensions["pingId"] = result.Ping!.PingId;
        }

        if (result.Limit is { } limit)
        {
            problem.Extensions["limit"] = limit;
        }

        // A refusal that time lifts says when, whether the rate (429) or the state (409) is the reason.
        string? retryAfter = null;
        if (result.RetryAt is { } retryAt)
        {
            problem.Extensions["retryAt"] = retryAt;
            if (result.Limit is not null || status == StatusCodes.Status429TooManyRequests)
            {
                retryAfter = RateLimitHeaders.SecondsUntil(retryAt, now).ToString(CultureInfo.InvariantCulture);
            }
        }

        return (problem, retryAfter);
    }

    public static readonly string InvalidMessage = $"A message is {TextRules.MessageRule}.";
}
