using Microsoft.AspNetCore.Http.HttpResults;

namespace PingActors.Api.Problems;

/// <summary>Builds the API's problem results, so a slug always comes with the same status and title.</summary>
public static class ApiProblems
{
    private static readonly Dictionary<string, (int Status, string Title)> _known = new()
    {
        [ProblemTypes.Validation] = (StatusCodes.Status400BadRequest, "The request is not valid."),
        [ProblemTypes.InvalidMessage] = (StatusCodes.Status400BadRequest, "The message is not valid."),
        [ProblemTypes.Unauthorized] = (StatusCodes.Status401Unauthorized, "A valid bearer token is required."),
        [ProblemTypes.Forbidden] = (StatusCodes.Status403Forbidden, "You may not do this."),
        [ProblemTypes.NotFound] = (StatusCodes.Status404NotFound, "Not found."),
        [ProblemTypes.MethodNotAllowed] = (StatusCodes.Status405MethodNotAllowed, "This resource does not take that method."),
        [ProblemTypes.UnsupportedMediaType] = (StatusCodes.Status415UnsupportedMediaType, "Send the body as application/json."),
        [ProblemTypes.MalformedRequest] = (StatusCodes.Status400BadRequest, "The request is not valid HTTP."),
        [ProblemTypes.RequestTimeout] = (StatusCodes.Status408RequestTimeout, "The request did not arrive in time."),
        [ProblemTypes.LengthRequired] = (StatusCodes.Status411LengthRequired, "Send the body with a Content-Length."),
        [ProblemTypes.UriTooLong] = (StatusCodes.Status414UriTooLong, "The URL is too long."),
        [ProblemTypes.HeadersTooLarge] = (StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request's headers are too large."),
        [ProblemTypes.HttpVersionNotSupported] = (StatusCodes.Status505HttpVersionNotsupported, "Use HTTP/1.1 or HTTP/2."),
        [ProblemTypes.ListingNotFound] = (StatusCodes.Status404NotFound, "The listing does not exist."),
        [ProblemTypes.ListingClosed] = (StatusCodes.Status409Conflict, "The listing is closed."),
        [ProblemTypes.PingAlreadyPending] = (StatusCodes.Status409Conflict, "You already have a pending ping for this listing."),
        [ProblemTypes.PingNotPending] = (StatusCodes.Status409Conflict, "The ping is no longer pending."),
        [ProblemTypes.IdempotencyKeyInFlight] = (StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still running."),
        [ProblemTypes.RebuildRunning] = (StatusCodes.Status409Conflict, "An analytics rebuild is already running."),
        [ProblemTypes.OwnListing] = (StatusCodes.Status422UnprocessableEntity, "You cannot ping your own listing."),
        [ProblemTypes.IdempotencyKeyReused] = (StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used with a different request."),
        [ProblemTypes.DailyLimitExceeded] = (StatusCodes.Status429TooManyRequests, "You have used today's pings."),
        [ProblemTypes.CooldownActive] = (StatusCodes.Status429TooManyRequests, "You are on a cooldown."),
        [ProblemTypes.OwnerBusy] = (StatusCodes.Status429TooManyRequests, "The listing's owner takes no more pings for a while."),
        [ProblemTypes.TooManyPending] = (StatusCodes.Status409Conflict, "Too many of your pings are still waiting for an answer."),
        [ProblemTypes.RecentlyDeclined] = (StatusCodes.Status409Conflict, "The listing's owner declined you recently."),
        [ProblemTypes.PendingWithOwner] = (StatusCodes.Status409Conflict, "You already have a pending ping with this owner."),
        [ProblemTypes.PolicyChanged] = (StatusCodes.Status409Conflict, "The policies changed since the version you read."),
        [ProblemTypes.Unavailable] = (StatusCodes.Status503ServiceUnavailable, "The service is briefly unavailable."),
        [ProblemTypes.Internal] = (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
    };

    /// <summary>The problem for <paramref name="slug"/>, with an optional detail and extension members.</summary>
    public static ProblemHttpResult Create(string slug, string? detail = null, IDictionary<string, object?>? extensions = null)
    {
        var (status, title) = Describe(slug);
        return TypedResults.Problem(detail, statusCode: status, title: title, type: ProblemTypes.Uri(slug), extensions: extensions);
    }

    /// <summary>A 400 that lists the offending fields.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string slug = ProblemTypes.Validation) =>
        TypedResults.ValidationProblem(errors, title: Describe(slug).Title, type: ProblemTypes.Uri(slug));

    /// <summary>A 400 about one field.</summary>
    public static ValidationProblem Validation(string field, string error, string slug = ProblemTypes.Validation) =>
        Validation(new Dictionary<string, string[]> { [field] = [error] }, slug);

    public static (int Status, string Title) Describe(string slug) => _known[slug];
}
