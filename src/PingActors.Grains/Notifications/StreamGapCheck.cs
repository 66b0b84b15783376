namespace PingActors.Notifications;

/// <summary>What the outbox holds of one user between two positions, for a stream that has to be sure it misses nothing.</summary>
/// <param name="Recipient">The user.</param>
/// <param name="After">Exclusive lower bound.</param>
/// <param name="Before">Exclusive upper bound; <see cref="long.MaxValue"/> for everything committed so far.</param>
public readonly record struct StreamGapCheck(string Recipient, long After, long Before);
