using System.ComponentModel.DataAnnotations;
using System.Text;

namespace PingActors.Api.Auth;

/// <summary>Bearer token settings (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>The HS256 key tokens are signed with: at least 32 bytes of UTF-8.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Keys that tokens signed before a key rotation may still be signed with, accepted until those tokens expire.
    /// New tokens are signed only with <see cref="SigningKey"/>. Each is at least 32 bytes of UTF-8.
    /// </summary>
    public IReadOnlyList<string> PreviousSigningKeys { get; set; } = [];

    /// <summary>The issuer tokens must name.</summary>
    [Required]
    public string Issuer { get; set; } = "pingactors";

    /// <summary>The audience tokens must name.</summary>
    [Required]
    public string Audience { get; set; } = "pingactors";

    /// <summary>Whether <c>POST /v1/dev/token</c> hands out tokens. On by default in Development only.</summary>
    public bool? DevTokens { get; set; }

    /// <summary>
    /// Lets <see cref="DevTokens"/> be on outside Development. Without it such a host refuses to start: with dev
    /// tokens anyone who reaches the API can mint an admin token.
    /// </summary>
    public bool AllowDevTokensOutsideDevelopment { get; set; }

    /// <summary>How long a development token lasts.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How many validated tokens this node remembers (0: none), so that a token it has seen is not parsed and its
    /// signature checked again on every request. Each costs about 200 bytes; a remembered token is trusted until it
    /// expires, and for at most <see cref="ValidatedTokenLifetime"/>.
    /// </summary>
    [Range(0, 10_000_000)]
    public int ValidatedTokenCacheSize { get; set; } = 200_000;

    /// <summary>The longest a validated token is remembered, whatever its own expiry.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ValidatedTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public byte[] SigningKeyBytes => Encoding.UTF8.GetBytes(SigningKey ?? "");

    /// <summary>Every key a token may be signed with: the current one first, then the previous ones.</summary>
    public IEnumerable<byte[]> AcceptedKeys => [SigningKeyBytes, .. PreviousSigningKeys.Select(Encoding.UTF8.GetBytes)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKeyBytes.Length < 32)
        {
            yield return new ValidationResult(
                "must be set to at least 32 bytes (it signs and checks the HS256 bearer tokens).", [nameof(SigningKey)]);
        }

        for (var i = 0; i < PreviousSigningKeys.Count; i++)
        {
            if (Encoding.UTF8.GetByteCount(PreviousSigningKeys[i]) < 32)
            {
                yield return new ValidationResult("must be at least 32 bytes, like the signing key it was.", [$"{nameof(PreviousSigningKeys)}:{i}"]);
            }
        }
    }
}
