namespace PingActors.Benchmarks;

/// <summary>Brings many grains to a state at once before anything is measured.</summary>
internal static class Concurrently
{
    /// <summary>
    /// Runs <paramref name="action"/> for every item, at most <paramref name="concurrency"/> at a time, and reports the
    /// share done to <paramref name="progress"/> every thousand items.
    /// </summary>
    public static async Task ForEachAsync<T>(IReadOnlyList<T> items, int concurrency, Func<T, Task> action, Action<double>? progress = null)
    {
        var done = 0;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, _) =>
        {
            await action(item);
            if (progress is not null && Interlocked.Increment(ref done) % 1000 == 0)
            {
                progress((double)done / items.Count);
            }
        });
    }
}
