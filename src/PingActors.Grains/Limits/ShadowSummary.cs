namespace PingActors.Limits;

/// <summary>What the policy in shadow would have refused of the pings the enforced one admitted, since a time.</summary>
/// <param name="Since">The pings counted are those sent since then.</param>
/// <param name="WouldHaveRefused">Pings the policy in shadow would have refused.</param>
/// <param name="LaterAnswered">Of those, pings their owner answered: good pings it would have blocked.</param>
/// <param name="StillPending">Of those, pings still waiting for an answer.</param>
/// <param name="ByRule">The same, by the rule that would have refused.</param>
public sealed record ShadowSummary(DateTimeOffset Since, long WouldHaveRefused, long LaterAnswered, long StillPending, IReadOnlyList<ShadowRuleCount> ByRule);
