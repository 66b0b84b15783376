namespace PingActors.Pings;

/// <summary>The result of a respond, decline or withdraw.</summary>
/// <param name="Outcome">Done, or why not.</param>
/// <param name="Ping">The ping as it stands afterwards; <see langword="null"/> for <see cref="PingActionOutcome.NotFound"/>.</param>
[GenerateSerializer, Immutable, Alias("pingactors.ping-action-result")]
public sealed record PingActionResult(PingActionOutcome Outcome, Ping? Ping);
