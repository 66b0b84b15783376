namespace PingActors.Api.Idempotency;

/// <summary>What becomes of a claimed key once its request is over.</summary>
internal enum SettlementKind
{
    /// <summary>The request changed something: keep its answer for replay.</summary>
    Complete,

    /// <summary>The request was refused and changed nothing: delete the key, a repeat runs again.</summary>
    Forget,

    /// <summary>The request failed, its outcome perhaps unknown: free the key, a repeat runs again with the same request id.</summary>
    Release,
}
