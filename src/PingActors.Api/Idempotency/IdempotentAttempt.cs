namespace PingActors.Api.Idempotency;

/// <summary>
/// One request's claim on its key. It is settled once, by its answer (<see cref="CapturedResult"/>), by its
/// failure, or, if neither happened (something after the endpoint threw), when the request ends; then this
/// process stops counting the key as running.
/// </summary>
internal sealed class IdempotentAttempt(IdempotencyKey key, Guid attempt, IdempotencyStore store, IdempotencySettler settler) : IAsyncDisposable
{
    private static readonly object _nothingChangedKey = new();
    private int _settled;

    /// <summary>
    /// Marks a request that answered with success but changed nothing (a batch whose every item was refused):
    /// like a refusal, its key is not kept.
    /// </summary>
    public static void NothingChanged(HttpContext http) => http.Items[_nothingChangedKey] = true;

    /// <summary>Settles the key by <paramref name="response"/> (<see langword="null"/>: the request failed without an answer).</summary>
    public Task SettleAsync(HttpContext http, StoredResponse? response) =>
        SettleOnceAsync(IdempotencySettlement.For(key, attempt, response, http.Items.ContainsKey(_nothingChangedKey)));

    /// <summary>The request ended without settling its key: release it.</summary>
    public async ValueTask DisposeAsync() => await SettleOnceAsync(IdempotencySettlement.For(key, attempt, null, changedNothing: false));

    private async Task SettleOnceAsync(IdempotencySettlement settlement)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 1)
        {
            return;
        }

        try
        {
            await settler.SettleAsync(settlement);
        }
        finally
        {
            store.Leave(key, attempt);
        }
    }
}
