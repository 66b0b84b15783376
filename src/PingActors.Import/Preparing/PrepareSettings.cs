namespace PingActors.Import.Preparing;

/// <summary>What the derivation of PingActors' rows depends on besides the source.</summary>
/// <param name="AsOf">The run's now: pending pings past their expiry by then are expired, cooldowns over by then are dropped.</param>
/// <param name="Expiry">How long a ping stays pending (Pings:Expiry).</param>
/// <param name="Zone">The allowance days' time zone as PostgreSQL names it (Pings:ResetTimeZone).</param>
/// <param name="Today">The allowance day of <paramref name="AsOf"/>.</param>
/// <param name="LimitsTable">The source's limits table, as the report names it.</param>
public sealed record PrepareSettings(DateTimeOffset AsOf, TimeSpan Expiry, string Zone, DateOnly Today, string LimitsTable);
