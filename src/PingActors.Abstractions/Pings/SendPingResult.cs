using PingActors.Limits;

namespace PingActors.Pings;

/// <summary>The result of a send.</summary>
/// <param name="Outcome">Sent, or why not.</param>
/// <param name="Ping">The ping that was sent, or for <see cref="SendPingOutcome.PingAlreadyPending"/> the pending one.</param>
/// <param name="RetryAt">For a rejection that clears with time, when it clears.</param>
/// <param name="Allowance">The sender's allowance after the send.</param>
/// <param name="Limit">For a refusal by a limit, the rule that refused (<see cref="LimitNames"/>).</param>
[GenerateSerializer, Immutable, Alias("pingactors.send-ping-result")]
public sealed record SendPingResult(SendPingOutcome Outcome, Ping? Ping, DateTimeOffset? RetryAt, Allowance Allowance, string? Limit = null);
