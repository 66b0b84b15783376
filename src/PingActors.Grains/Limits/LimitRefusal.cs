namespace PingActors.Limits;

/// <summary>Why a rule refused a ping, and when it will stop refusing (if time lifts it).</summary>
/// <param name="Rule">The rule that bit (<see cref="LimitNames"/>).</param>
/// <param name="RetryAt">When the rule lets a ping through again, if time alone lifts it.</param>
internal sealed record LimitRefusal(string Rule, DateTimeOffset? RetryAt);
