using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace PingActors.Api.Auth;

/// <summary>
/// The bearer tokens this node has already validated, so that a client's next request with the same token is not
/// parsed, its signature checked and its claims built again: that was about a quarter of what an HTTP ping allocated
/// (profiled with <c>dotnet-trace</c>'s allocation ticks). A token is remembered by its SHA-256, with only what
/// PingActors reads from it (its <c>sub</c> and roles), until it expires and for at most
/// <see cref="AuthOptions.ValidatedTokenLifetime"/>. Only a token that passed every check is remembered, and a
/// request is let through only with exactly the same token.
/// </summary>
public sealed class ValidatedTokens(IOptions<AuthOptions> options) : IDisposable
{
    /// <summary>Longer tokens are validated every time (nothing PingActors issues comes close).</summary>
    private const int MaxTokenLength = 4096;

    private readonly MemoryCache _tokens = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.ValidatedTokenCacheSize) });
    private readonly bool _on = options.Value.ValidatedTokenCacheSize > 0;
    private readonly TimeSpan _lifetime = options.Value.ValidatedTokenLifetime;

    /// <summary>The principal of <paramref name="token"/> if it was validated before and is still good at <paramref name="now"/>.</summary>
    public ClaimsPrincipal? Find(string? token, DateTimeOffset now, string authenticationType)
    {
        if (!_on || Key(token) is not { } key || !_tokens.TryGetValue(key, out Entry? entry) || now >= entry!.Until)
        {
            return null;
        }

        var claims = new List<Claim>(1 + entry.Roles.Length) { new(TokenClaims.Subject, entry.Subject) };
        claims.AddRange(entry.Roles.Select(role => new Claim(TokenClaims.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, TokenClaims.Subject, TokenClaims.Role));
    }

    /// <summary>Remembers <paramref name="token"/>, which has just passed validation, until <paramref name="expires"/>.</summary>
    public void Remember(string token, ClaimsPrincipal principal, DateTimeOffset expires, DateTimeOffset now)
    {
        var until = expires < now + _lifetime ? expires : now + _lifetime;
        if (!_on || until <= now || Key(token) is not { } key || principal.FindFirst(TokenClaims.Subject)?.Value is not { } subject)
        {
            return;
        }

        var roles = principal.FindAll(TokenClaims.Role).Select(claim => claim.Value).ToArray();
        _tokens.Set(key, new Entry(subject, roles, until), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = until - now });
    }

    /// <summary>The token in an <c>Authorization</c> header value, as the bearer handler reads it.</summary>
    public static string? FromHeader(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;

    public void Dispose() => _tokens.Dispose();

    private static TokenHash? Key(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(token.Length));
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, Encoding.UTF8.GetBytes(token, bytes)), hash);
            return new TokenHash(
                BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]), BitConverter.ToUInt64(hash[16..24]), BitConverter.ToUInt64(hash[24..]));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D);

    private sealed record Entry(string Subject, string[] Roles, DateTimeOffset Until);
}
