namespace PingActors.Limits;

/// <summary>What the policy in shadow would have refused by one rule.</summary>
public sealed record ShadowRuleCount(string Rule, long WouldHaveRefused, long LaterAnswered, long StillPending);
