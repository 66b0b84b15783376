namespace PingActors.Api.Notifications;

/// <summary>A single-use ticket for <c>GET /v1/stream?ticket=</c>.</summary>
public sealed record StreamTicket(string Ticket, DateTimeOffset ExpiresAt);
