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
    public const string MalformedRequest = "malformed-request";
    public const string RequestTimeout = "request-timeout";
    public const string LengthRequired = "length-required";
    public const string UriTooLong = "uri-too-long";
    public const string HeadersTooLarge = "headers-too-large";
    public const string HttpVersionNotSupported = "http-version-not-supported";
    public const string DailyLimitExceeded = "daily-limit-exceeded";
    public const string CooldownActive = "cooldown-active";
    public const string TooManyPending = "too-many-pending";
    public const string OwnerBusy = "owner-busy";
    public const string RecentlyDeclined = "recently-declined";
    public const string PendingWithOwner = "pending-with-owner";
    public const string PolicyChanged = "policy-changed";
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

    /// <summary>
    /// The slug for a status the framework or the server produced on its own (a 404 route, a 405 method, a 431
    /// from Kestrel, ...): every 4xx has one, so no error goes out as an unexplained 500.
    /// </summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Validation,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status408RequestTimeout => RequestTimeout,
        StatusCodes.Status411LengthRequired => LengthRequired,
        StatusCodes.Status414UriTooLong => UriTooLong,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => HeadersTooLarge,
        StatusCodes.Status503ServiceUnavailable => Unavailable,
        StatusCodes.Status505HttpVersionNotsupported => HttpVersionNotSupported,
        >= 400 and < 500 => MalformedRequest,
        _ => Internal,
    };
}
