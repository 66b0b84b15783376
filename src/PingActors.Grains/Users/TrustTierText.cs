using PingActors.Limits;

namespace PingActors.Users;

/// <summary>How a trust tier is spelled in <c>user_limits.tier</c>.</summary>
internal static class TrustTierText
{
    public static string ToText(this TrustTier tier) => tier switch
    {
        TrustTier.Standard => "standard",
        TrustTier.Trusted => "trusted",
        TrustTier.Restricted => "restricted",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown trust tier."),
    };

    public static TrustTier Parse(string text) => text switch
    {
        "standard" => TrustTier.Standard,
        "trusted" => TrustTier.Trusted,
        "restricted" => TrustTier.Restricted,
        _ => throw new FormatException($"Unknown trust tier '{text}'."),
    };
}
