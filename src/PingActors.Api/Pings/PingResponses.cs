using PingActors.Insights;
using PingActors.Limits;
using PingActors.Pings;

namespace PingActors.Api.Pings;

/// <summary>A sender's allowance as the ping routes report it.</summary>
/// <param name="Limit">Pings per day.</param>
/// <param name="Remaining">Pings left today.</param>
/// <param name="ResetAt">When the allowance resets.</param>
public sealed record Quota(int Limit, int Remaining, DateTimeOffset ResetAt)
{
    public static Quota From(Allowance allowance) => new(allowance.DailyLimit, allowance.Remaining, allowance.ResetAt);
}

/// <summary>A ping just sent: the ping's own fields, what is left of the sender's allowance, and what to expect of the owner.</summary>
public sealed record SentPing : Ping
{
    public SentPing(Ping ping, Quota quota, OwnerSummary? owner)
        : base(ping) => (Quota, Owner) = (quota, owner);

    /// <summary>What is left of the sender's allowance.</summary>
    public Quota Quota { get; }

    /// <summary>What to expect of the owner, from memory; null while this API process has not read their figures yet.</summary>
    public OwnerSummary? Owner { get; }

    public static SentPing From(Ping ping, Allowance allowance, OwnerSummary? owner) => new(ping, Quota.From(allowance), owner);
}

/// <summary>One item of a batch: the status it would have had alone, the ping or the problem, and for a sent ping what to expect of its owner.</summary>
public sealed record BatchItemResult(int Index, int Status, Ping? Ping, Microsoft.AspNetCore.Mvc.ProblemDetails? Problem, OwnerSummary? Owner = null);

/// <summary>The answer to a batch.</summary>
public sealed record BatchResult(IReadOnlyList<BatchItemResult> Results, Quota Quota);

/// <summary>A page of pings, newest first.</summary>
public sealed record PingList(IReadOnlyList<Ping> Items, string? NextCursor);
