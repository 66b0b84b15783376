using Polly;
using PingActors.Storage;

namespace PingActors.Api.Problems;

/// <summary>
/// Tells a failure of the machinery (the cluster, the database, a call that never answered) from a bug. A
/// request that met one may well succeed when repeated, so it is a 503 with <c>Retry-After</c>, not a 500.
/// </summary>
public static class InfrastructureFailures
{
    /// <summary>
    /// Whether <paramref name="exception"/>, or any exception it wraps, is an infrastructure failure. The whole
    /// chain counts because the failure rarely arrives bare: Orleans wraps a storage provider's database error in
    /// an <see cref="OrleansException"/>, tasks wrap theirs in an <see cref="AggregateException"/>.
    /// </summary>
    public static bool IsInfrastructure(Exception exception) => Chain(exception).Any(e => e
        is OrleansException // the cluster: a silo unreachable or dying, a message rejected, grain storage failing
        or TimeoutException // a grain call or a connection that did not answer in time
        or Npgsql.NpgsqlException // the database: unreachable, broken connection, refused write
        or WriteOutcomeUnknownException // a commit whose connection broke and whose outcome could not be read back
        or ExecutionRejectedException); // the API's own retry pipeline gave up (its timeout)

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        // Bounded, so a pathological chain cannot keep a failing request busy.
        for (var seen = 0; pending.Count > 0 && seen < 64; seen++)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
