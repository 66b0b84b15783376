namespace PingActors.Limits;

/// <summary>
/// The rules that admit or refuse a sender's pings. Every rule can be turned off (a <see langword="null"/> limit).
/// The defaults keep the flat daily allowance for a well-behaved sender (50 pings, the 51st refused) and add what
/// protects owners and rewards good pings; <see cref="Flat"/> is the policy before them.
/// </summary>
[GenerateSerializer, Immutable, Alias("pingactors.limit-policy")]
public sealed record LimitPolicy
{
    /// <summary>The flat daily allowance and nothing else.</summary>
    public static LimitPolicy Flat { get; } = new()
    {
        Allowance = AllowanceMode.FixedWindow,
        CreditBack = false,
        MaxPending = null,
        OwnerMaxPending = null,
        ListingMaxPer24Hours = null,
        DeclineBlock = null,
        AdaptiveCooldownAfter = null,
        Tiers = null,
    };

    /// <summary>How the allowance refills.</summary>
    [Id(0)]
    public AllowanceMode Allowance { get; init; } = AllowanceMode.TokenBucket;

    /// <summary>The cap of a standard sender (a day's pings; the bucket's size).</summary>
    [Id(1)]
    public int StandardCap { get; init; } = 50;

    /// <summary>The cap of a trusted sender.</summary>
    [Id(2)]
    public int TrustedCap { get; init; } = 100;

    /// <summary>The cap of a restricted sender.</summary>
    [Id(3)]
    public int RestrictedCap { get; init; } = 20;

    /// <summary>Whether a ping its owner answers (within its life) gives its sender the allowance back.</summary>
    [Id(4)]
    public bool CreditBack { get; init; } = true;

    /// <summary>The most pings a sender may have pending at once (reply debt); <see langword="null"/>: no such rule.</summary>
    [Id(5)]
    public int? MaxPending { get; init; } = 50;

    /// <summary>The most pings the listings of one owner may hold pending; past it the owner takes no more for a while.</summary>
    [Id(6)]
    public int? OwnerMaxPending { get; init; } = 100;

    /// <summary>The most new pings one listing takes in any 24 hours.</summary>
    [Id(7)]
    public int? ListingMaxPer24Hours { get; init; } = 20;

    /// <summary>After an owner declines a sender, how long that sender may not ping that owner again.</summary>
    [Id(8)]
    public TimeSpan? DeclineBlock { get; init; } = TimeSpan.FromDays(30);

    /// <summary>At most one pending ping per sender and owner (off by default: dealers own many listings).</summary>
    [Id(9)]
    public bool OnePendingPerOwner { get; init; }

    /// <summary>After this many consecutive pings expired or declined, a cooldown starts; <see langword="null"/>: no such rule.</summary>
    [Id(10)]
    public int? AdaptiveCooldownAfter { get; init; } = 3;

    /// <summary>The first adaptive cooldown; each further unanswered ping doubles it.</summary>
    [Id(11)]
    public TimeSpan AdaptiveCooldownBase { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest adaptive cooldown.</summary>
    [Id(12)]
    public TimeSpan AdaptiveCooldownMax { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Trust tiers; <see langword="null"/>: everyone is standard.</summary>
    [Id(13)]
    public TierRules? Tiers { get; init; } = new();

    /// <summary>Whether anything here needs the owner's side of an admission (busy owners, declines, one pending per owner).</summary>
    public bool HasOwnerRules => OwnerMaxPending is not null || ListingMaxPer24Hours is not null || DeclineBlock is not null || OnePendingPerOwner;

    /// <summary>The cap of a sender in <paramref name="tier"/>.</summary>
    public int CapOf(TrustTier tier) => Tiers is null ? StandardCap : tier switch
    {
        TrustTier.Trusted => TrustedCap,
        TrustTier.Restricted => RestrictedCap,
        _ => StandardCap,
    };

    /// <summary>What is wrong with this policy, by field; empty when it is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string error)
        {
            if (!ok)
            {
                errors[field] = [error];
            }
        }

        Check(Enum.IsDefined(Allowance), "allowance", "allowance is tokenBucket or fixedWindow.");
        Check(StandardCap is >= 0 and <= 10_000, "standardCap", "standardCap is 0 to 10,000.");
        Check(TrustedCap is >= 0 and <= 10_000, "trustedCap", "trustedCap is 0 to 10,000.");
        Check(RestrictedCap is >= 0 and <= 10_000, "restrictedCap", "restrictedCap is 0 to 10,000.");
        Check(MaxPending is null or (>= 1 and <= 10_000), "maxPending", "maxPending is 1 to 10,000, or null for no such rule.");
        Check(OwnerMaxPending is null or (>= 1 and <= 1_000_000), "ownerMaxPending", "ownerMaxPending is 1 to 1,000,000, or null.");
        Check(ListingMaxPer24Hours is null or (>= 1 and <= 1_000_000), "listingMaxPer24Hours", "listingMaxPer24Hours is 1 to 1,000,000, or null.");
        Check(DeclineBlock is null || (DeclineBlock > TimeSpan.Zero && DeclineBlock <= TimeSpan.FromDays(365)), "declineBlock", "declineBlock is up to 365 days, or null.");
        Check(AdaptiveCooldownAfter is null or (>= 1 and <= 100), "adaptiveCooldownAfter", "adaptiveCooldownAfter is 1 to 100, or null.");
        Check(AdaptiveCooldownBase > TimeSpan.Zero && AdaptiveCooldownBase <= AdaptiveCooldownMax, "adaptiveCooldownBase", "adaptiveCooldownBase is positive and at most adaptiveCooldownMax.");
        Check(AdaptiveCooldownMax <= TimeSpan.FromDays(30), "adaptiveCooldownMax", "adaptiveCooldownMax is at most 30 days.");
        if (Tiers is { } tiers)
        {
            Check(tiers.MinPings >= 1 && tiers.Window >= tiers.MinPings, "tiers.window", "tiers need minPings of 1 or more and a window of at least minPings.");
            Check(tiers.PriorAnswered >= 0 && tiers.PriorPings > tiers.PriorAnswered, "tiers.priorPings", "tiers need priorPings above priorAnswered, both 0 or more.");
            Check(
                tiers.RestrictBelow <= tiers.RestrictedKeepBelow && tiers.RestrictedKeepBelow < tiers.TrustedKeepAbove && tiers.TrustedKeepAbove <= tiers.TrustAbove,
                "tiers.thresholds",
                "tiers need restrictBelow <= restrictedKeepBelow < trustedKeepAbove <= trustAbove.");
        }

        return errors;
    }
}
