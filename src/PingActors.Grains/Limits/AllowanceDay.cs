namespace PingActors.Limits;

/// <summary>The allowance day a decision falls in, for the fixed daily window: its bounds and the pings sent in it.</summary>
internal readonly record struct AllowanceDay(DateTimeOffset Start, DateTimeOffset End, int Sent);
