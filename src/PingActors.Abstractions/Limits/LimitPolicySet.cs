namespace PingActors.Limits;

/// <summary>
/// The policies in force: the enforced one, and optionally a candidate that runs beside it in shadow (it never
/// changes an answer, it only counts what it would have refused) for every sender but the rollout share, for whom
/// the candidate is enforced and the other policy runs in shadow.
/// </summary>
/// <param name="Version">Increases with every change.</param>
/// <param name="Enforced">The policy that decides.</param>
/// <param name="Candidate">A policy tried in shadow, or <see langword="null"/>.</param>
/// <param name="CandidateRolloutPercent">The share of senders (by a hash of their username) the candidate is enforced for.</param>
/// <param name="ChangedAt">When this version was set.</param>
/// <param name="ChangedBy">Who set it.</param>
[GenerateSerializer, Immutable, Alias("pingactors.limit-policy-set")]
public sealed record LimitPolicySet(
    long Version,
    LimitPolicy Enforced,
    LimitPolicy? Candidate,
    int CandidateRolloutPercent,
    DateTimeOffset ChangedAt,
    string ChangedBy)
{
    /// <summary>Whether <paramref name="username"/> is in the candidate's rollout share.</summary>
    public bool InRollout(string username) => Candidate is not null && RolloutBucket(username) < CandidateRolloutPercent;

    /// <summary>The policy that decides for <paramref name="username"/>, and the one that runs beside it in shadow.</summary>
    public (LimitPolicy Enforced, LimitPolicy? Shadow) For(string username) =>
        InRollout(username) ? (Candidate!, Enforced) : (Enforced, Candidate);

    /// <summary>A stable number from 0 to 99 for a username (FNV-1a), the same in every process and version.</summary>
    public static int RolloutBucket(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        var hash = 2166136261u;
        foreach (var c in username)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % 100);
    }
}
