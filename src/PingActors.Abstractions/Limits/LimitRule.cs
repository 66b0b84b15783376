namespace PingActors.Limits;

/// <summary>One rule that applies to a sender now, so a client can explain a refusal before the user tries.</summary>
/// <param name="Name">The rule (<see cref="LimitNames"/>).</param>
/// <param name="Limit">Its limit, where it counts something.</param>
/// <param name="Remaining">What the sender has left under it; 0 when it refuses now.</param>
/// <param name="ResetAt">When what is used comes back in full (or the rule stops refusing).</param>
/// <param name="Description">The rule in words.</param>
[GenerateSerializer, Immutable, Alias("pingactors.limit-rule")]
public sealed record LimitRule(
    [property: Id(0)] string Name,
    [property: Id(1)] int? Limit,
    [property: Id(2)] int? Remaining,
    [property: Id(3)] DateTimeOffset? ResetAt,
    [property: Id(4)] string Description);
