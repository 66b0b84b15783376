namespace PingActors.Benchmarks.GroundTruth;

/// <summary>One thing a simulated user does at <paramref name="At"/> about the ping <paramref name="Ping"/> (for a message, in that ping's chat).</summary>
public sealed record SimulatedAction(DateTimeOffset At, ActionKind Kind, PlannedPing Ping);

/// <summary>What a simulated user does.</summary>
public enum ActionKind
{
    Send,
    Respond,
    Decline,
    Withdraw,

    /// <summary>The owner writes in the ping's chat after the ping was settled.</summary>
    Message,
}
