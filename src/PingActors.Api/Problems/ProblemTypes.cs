namespace PingActors.Api.Problems;

/// <summary>
/// Every error the API returns is <c>application/problem+json</c> whose <c>type</c> ends in one of these slugs.
/// The slugs are the stable, machine-readable part; titles and details are for people.
/// </summary>
public static class ProblemTypes
{
    public const string BaseUri = "https://pingactors.dev/problems/";

    public const string Validation = "validation";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string DailyLimitExceeded = "daily-limit-exceeded";
    public const string CooldownActive = "cooldown-active";
    public const string ListingNotFound = "listing-not-found";
    public const string ListingClosed = "listing-closed";
    public const string PingAlreadyPending = "ping-already-pending";
    public const string OwnListing = "own-listing";
    public const string InvalidMessage = "invalid-message";
    public const string PingNotPending = "ping-not-pending";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string IdempotencyKeyInFlight = "idempotency-key-in-flight";
    public const string RebuildRunning = "rebuild-running";
    public const string Unavailable = "unavailable";
    public const string Internal = "internal";

    public static string Uri(string slug) => BaseUri + slug;

    /// <summary>The slug for a status the framework produced on its own (a 404 route, a 405 method, ...).</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Validation,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status503ServiceUnavailable => Unavailable,
        _ => Internal,
    };
}
