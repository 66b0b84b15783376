namespace PingActors.Api.Idempotency;

/// <summary>An idempotency key as it is scoped: per user and per route.</summary>
public readonly record struct IdempotencyKey(string Username, string Route, string Key);
