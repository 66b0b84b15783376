namespace PingActors.Api.Idempotency;

/// <summary>What claiming an idempotency key found.</summary>
/// <param name="RequestId">For a claim: the id the request derives its new ids from, the same on every attempt.</param>
/// <param name="Attempt">For a claim: this attempt, which its answer or release names.</param>
public sealed record IdempotencyClaim(IdempotencyClaimOutcome Outcome, Guid RequestId, Guid Attempt, StoredResponse? Response)
{
    public static readonly IdempotencyClaim InFlight = new(IdempotencyClaimOutcome.InFlight, Guid.Empty, Guid.Empty, null);

    public static readonly IdempotencyClaim Reused = new(IdempotencyClaimOutcome.Reused, Guid.Empty, Guid.Empty, null);

    public static IdempotencyClaim Claimed(Guid requestId, Guid attempt) => new(IdempotencyClaimOutcome.Claimed, requestId, attempt, null);

    public static IdempotencyClaim Replay(StoredResponse response) => new(IdempotencyClaimOutcome.Replay, Guid.Empty, Guid.Empty, response);
}

public enum IdempotencyClaimOutcome
{
    /// <summary>This request runs; derive ids from <see cref="IdempotencyClaim.RequestId"/>.</summary>
    Claimed,

    /// <summary>The first request finished: replay its answer.</summary>
    Replay,

    /// <summary>The first request is still running (here or in another API process).</summary>
    InFlight,

    /// <summary>The key was used for a different request body.</summary>
    Reused,
}

/// <summary>A stored answer: enough to replay it byte for byte.</summary>
public sealed record StoredResponse(int StatusCode, string ContentType, byte[] Body, string? Location, string? RetryAfter);
