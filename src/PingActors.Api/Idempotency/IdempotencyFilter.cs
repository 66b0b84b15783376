using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using PingActors.Api.Auth;
using PingActors.Api.Problems;

namespace PingActors.Api.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c>: the first request with a key runs; if it changed something its answer is
/// stored, and a repeat with the same body replays it (<c>Idempotent-Replayed: true</c>) and spends nothing. A
/// refusal changes nothing, so its key is not kept and a repeat simply runs again; a failure frees the key for a
/// repeat with the same request id. A repeat with another body is 422 <c>idempotency-key-reused</c>; a repeat
/// while the first still runs is 409 <c>idempotency-key-in-flight</c> with <c>Retry-After</c>. Keys are scoped to
/// the user and the route.
/// </summary>
internal sealed class IdempotencyFilter(IdempotencyStore store, IdempotencySettler settler, IOptions<JsonOptions> json)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, bool required)
    {
        string? value = context.HttpContext.Request.Headers[Header];
        if (value is not null)
        {
            return RunOnceAsync(context, next, value);
        }

        // Without a key the request runs as it is, and this filter adds nothing to it (not even an await).
        return required ? ValueTask.FromResult<object?>(ApiProblems.Validation(Header, "This request needs an Idempotency-Key header.")) : next(context);
    }

    private async ValueTask<object?> RunOnceAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string value)
    {
        var http = context.HttpContext;
        if (value.Length is 0 or > 255 || value.Any(c => c is < '!' or > '~'))
        {
            return ApiProblems.Validation(Header, "An Idempotency-Key is 1 to 255 visible ASCII characters.");
        }

        var key = new IdempotencyKey(http.User.Username(), Scope(http.GetEndpoint()), value);
        var body = context.Arguments.OfType<IRequestBody>().SingleOrDefault();
        var claim = await store.ClaimAsync(key, Hash(body, json.Value.SerializerOptions));
        switch (claim.Outcome)
        {
            case IdempotencyClaimOutcome.Replay:
                return new ReplayedResult(claim.Response!);
            case IdempotencyClaimOutcome.InFlight:
                http.Response.Headers.RetryAfter = "1";
                return ApiProblems.Create(ProblemTypes.IdempotencyKeyInFlight, "The first request with this key is still running or being settled: repeat it in a moment.");
            case IdempotencyClaimOutcome.Reused:
                return ApiProblems.Create(ProblemTypes.IdempotencyKeyReused, "Use a new Idempotency-Key for a different request.");
        }

        var attempt = new IdempotentAttempt(key, claim.Attempt, store, settler);
        http.Response.RegisterForDisposeAsync(attempt);
        RequestIdentity.Set(http, claim.RequestId);
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await attempt.SettleAsync(http, response: null);
            throw;
        }

        return result is IResult inner ? new CapturedResult(inner, attempt) : result;
    }

    /// <summary>The route a key is scoped to: the endpoint's name (stable across path changes), else its pattern.</summary>
    internal static string Scope(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
        ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText
        ?? "unknown";

    /// <summary>A key is bound to the request's body as the API reads it, so whitespace and field order do not matter.</summary>
    internal static byte[] Hash(IRequestBody? body, JsonSerializerOptions options) =>
        SHA256.HashData(body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), options));
}
