namespace PingActors.Limits;

/// <summary>
/// The names of the rules, as the <c>RateLimit</c> and <c>RateLimit-Policy</c> headers and <c>/v1/me/limits</c> give
/// them: each refusal names the rule that bit.
/// </summary>
public static class LimitNames
{
    /// <summary>The sender's allowance (a token bucket, or the daily window).</summary>
    public const string Daily = "daily";

    /// <summary>A cooldown an admin set.</summary>
    public const string Cooldown = "cooldown";

    /// <summary>A cooldown after several unanswered pings in a row.</summary>
    public const string AdaptiveCooldown = "adaptive-cooldown";

    /// <summary>The sender's pings still pending (reply debt).</summary>
    public const string Pending = "pending";

    /// <summary>The pings pending with one owner.</summary>
    public const string Owner = "owner";

    /// <summary>The new pings one listing took in 24 hours.</summary>
    public const string Listing = "listing";

    /// <summary>An owner who declined the sender.</summary>
    public const string Declined = "declined";

    /// <summary>One pending ping per sender and owner.</summary>
    public const string OnePerOwner = "one-per-owner";
}
