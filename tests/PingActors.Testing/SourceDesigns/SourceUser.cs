namespace PingActors.Testing.SourceDesigns;

/// <summary>A user of the source system and the limit settings it holds for them.</summary>
/// <param name="Username">Their name, which may break PingActors' rules.</param>
/// <param name="DailyLimit">Their daily limit (the designs' default is 50).</param>
/// <param name="CooldownUntil">The end of their cooldown, if one was ever set (it may be over).</param>
public sealed record SourceUser(string Username, int DailyLimit, DateTimeOffset? CooldownUntil);
