namespace PingActors.Api.Idempotency;

/// <summary>How one attempt of a key is settled.</summary>
internal sealed record IdempotencySettlement(IdempotencyKey Key, Guid Attempt, SettlementKind Kind, StoredResponse? Response)
{
    /// <summary>The settlement an answer calls for: kept if it changed something, forgotten if it was refused, released if it failed.</summary>
    public static IdempotencySettlement For(IdempotencyKey key, Guid attempt, StoredResponse? response, bool changedNothing) => response switch
    {
        null or { StatusCode: >= 500 } => new(key, attempt, SettlementKind.Release, null),
        { StatusCode: >= 400 } => new(key, attempt, SettlementKind.Forget, null),
        _ when changedNothing => new(key, attempt, SettlementKind.Forget, null),
        _ => new(key, attempt, SettlementKind.Complete, response),
    };

    public Task ApplyAsync(IdempotencyStore store) => Kind switch
    {
        SettlementKind.Complete => store.CompleteAsync(Key, Attempt, Response!),
        SettlementKind.Forget => store.ForgetAsync(Key, Attempt),
        _ => store.ReleaseAsync(Key, Attempt),
    };
}
