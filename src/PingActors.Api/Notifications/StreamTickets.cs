using System.Buffers.Text;
using System.Security.Cryptography;
using Npgsql;
using PingActors.Platform;

namespace PingActors.Api.Notifications;

/// <summary>
/// Tickets for browsers, whose <c>EventSource</c> cannot send <c>Authorization</c>. A ticket is 32 random bytes; the
/// database keeps only its hash, its user and its expiry, and using it marks it used in the same statement, so it
/// works once, on whichever API process it is used. Time is the domain clock's.
/// </summary>
internal sealed class StreamTickets(NpgsqlDataSource database, [FromKeyedServices(DomainClock.Key)] TimeProvider clock)
{
    /// <summary>How long a ticket can be used.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public async Task<StreamTicket> IssueAsync(string username, CancellationToken cancellationToken)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var now = clock.GetUtcNow();
        var ticket = new StreamTicket(Base64Url.EncodeToString(secret), now + Lifetime);
        // Tickets an hour past their expiry go as new ones come, a few at a time.
        await using var command = database.CreateCommand("""
            WITH purged AS (
                DELETE FROM stream_tickets WHERE ticket_hash IN (
                    SELECT ticket_hash FROM stream_tickets WHERE expires_at < $4 - interval '1 hour' LIMIT 100))
            INSERT INTO stream_tickets (ticket_hash, username, expires_at) VALUES ($1, $2, $3)
            """);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SHA256.HashData(secret) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = username });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = ticket.ExpiresAt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ticket;
    }

    /// <summary>Uses a ticket: its user, or <see langword="null"/> if it is unknown, used or expired.</summary>
    public async Task<string?> RedeemAsync(string ticket, CancellationToken cancellationToken)
    {
        var secret = new byte[32];
        if (ticket.Length != 43 || !Base64Url.TryDecodeFromChars(ticket, secret, out var length) || length != secret.Length)
        {
            return null;
        }

        await using var command = database.CreateCommand("""
            UPDATE stream_tickets SET used_at = $2
            WHERE ticket_hash = $1 AND used_at IS NULL AND expires_at > $2
            RETURNING username
            """);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SHA256.HashData(secret) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
