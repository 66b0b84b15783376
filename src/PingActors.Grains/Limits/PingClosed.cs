using PingActors.Pings;

namespace PingActors.Limits;

/// <summary>A ping left pending: answered, declined, withdrawn or expired, at a time.</summary>
internal sealed record PingClosed(Guid PingId, PingStatus Status, DateTimeOffset At);
