namespace PingActors.Benchmarks.Systems;

/// <summary>What became of one ping.</summary>
internal enum SendOutcome
{
    /// <summary>The ping exists.</summary>
    Admitted,

    /// <summary>The system said no (over the limit, already pending, ...).</summary>
    Refused,

    /// <summary>The call failed.</summary>
    Failed,
}
