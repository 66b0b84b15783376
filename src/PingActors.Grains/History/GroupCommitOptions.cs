using System.ComponentModel.DataAnnotations;

namespace PingActors.History;

/// <summary>How the silo batches history writes into shared transactions (configuration section <c>GroupCommit</c>).</summary>
public sealed class GroupCommitOptions
{
    public const string Section = "GroupCommit";

    /// <summary>The most grain writes one transaction carries.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>
    /// How many transactions may be in flight at once. One is best on a small machine: while a batch commits
    /// the next one fills, and one large batch costs PostgreSQL far less than several small ones.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentBatches { get; set; } = 1;

    /// <summary>How long a part-filled batch waits for company; zero commits as soon as a connection is free.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How many times a batch that surely did not commit is retried before its callers see the failure.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;
}
