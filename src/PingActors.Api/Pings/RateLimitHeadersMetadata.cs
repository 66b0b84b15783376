namespace PingActors.Api.Pings;

/// <summary>Marks an endpoint whose every answer carries the <c>RateLimit</c> and <c>RateLimit-Policy</c> fields.</summary>
public sealed record RateLimitHeadersMetadata;
