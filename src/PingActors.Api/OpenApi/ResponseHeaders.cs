using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PingActors.Api.Idempotency;
using PingActors.Api.Pings;
using PingActors.Api.Problems;

namespace PingActors.Api.OpenApi;

/// <summary>
/// The response headers a client acts on: <c>Location</c> of what a 201 or 202 created, the <c>RateLimit</c> and
/// <c>RateLimit-Policy</c> fields on every answer of a rate-limited route, <c>Idempotent-Replayed</c> on a replayed
/// answer, and <c>Retry-After</c> (added with the problems that carry it, <see cref="ProblemResponses"/>).
/// </summary>
internal sealed class ResponseHeaders : IOpenApiOperationTransformer
{
    public const string RetryAfter = "Retry-After";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var rateLimited = metadata.OfType<RateLimitHeadersMetadata>().Any();
        var idempotent = metadata.OfType<IdempotencyMetadata>().Any();
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse described)
            {
                continue;
            }

            described.Headers ??= new Dictionary<string, IOpenApiHeader>();
            if (status is "201" or "202")
            {
                described.Headers["Location"] = Header("Where what was created (or the work accepted) can be read.", JsonSchemaType.String, "uri-reference");
            }

            if (rateLimited)
            {
                described.Headers["RateLimit-Policy"] = Header(
                    "The sender's quotas (IETF RateLimit fields), one entry per rule: `\"daily\";q=50;w=86400, \"pending\";q=50`; a refusal's rule is always listed.",
                    JsonSchemaType.String);
                described.Headers["RateLimit"] = Header(
                    "What is left of each, and the seconds until it resets: `\"daily\";r=49;t=1728, \"pending\";r=49;t=259200`; the rule that refused has `r=0`.",
                    JsonSchemaType.String);
            }

            if (idempotent && status.StartsWith('2'))
            {
                described.Headers[IdempotencyFilter.ReplayedHeader] = Header("`true` when this is the stored answer to an earlier request with the same Idempotency-Key.", JsonSchemaType.Boolean);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether a problem comes with <c>Retry-After</c>: every refusal of the limits, the cooldown, a key still in flight, an outage.</summary>
    public static bool CarriesRetryAfter(string slug) =>
        IsLimitRefusal(slug) || slug is ProblemTypes.IdempotencyKeyInFlight or ProblemTypes.Unavailable;

    /// <summary>A refusal of the limits: it names its rule (<c>limit</c>) and when it lifts (<c>retryAt</c>, <c>Retry-After</c>).</summary>
    public static bool IsLimitRefusal(string slug) =>
        slug is ProblemTypes.DailyLimitExceeded or ProblemTypes.CooldownActive or ProblemTypes.OwnerBusy
            or ProblemTypes.TooManyPending or ProblemTypes.RecentlyDeclined or ProblemTypes.PendingWithOwner;

    public static OpenApiHeader RetryAfterHeader() => Header("Seconds to wait before trying again.", JsonSchemaType.Integer);

    public static OpenApiHeader WwwAuthenticateHeader() => Header("`Bearer`, with `error=\"invalid_token\"` when a token was sent but is not valid.", JsonSchemaType.String);

    private static OpenApiHeader Header(string description, JsonSchemaType type, string? format = null) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = type, Format = format } };
}
