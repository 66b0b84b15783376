using PingActors.Pings;

namespace PingActors.Chats;

/// <summary>The result of opening a ping in a chat.</summary>
/// <param name="Outcome">Opened, or why not.</param>
/// <param name="Ping">The opened ping, or the one still pending.</param>
[GenerateSerializer, Immutable, Alias("pingactors.open-ping-result")]
public sealed record OpenPingResult(OpenPingOutcome Outcome, Ping Ping);
