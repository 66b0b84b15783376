namespace PingActors.Limits;

/// <summary>
/// When a sender changes tier. The answer rate is smoothed towards the prior (<see cref="PriorAnswered"/> of
/// <see cref="PriorPings"/>), so a short lucky or unlucky run moves nobody; the thresholds to enter a tier are
/// stricter than those to stay in it (hysteresis), so nobody flaps between two tiers.
/// </summary>
/// <param name="MinPings">Closed pings (answered, declined or expired) needed before a sender can leave standard.</param>
/// <param name="Window">How many of the sender's most recent closed pings count.</param>
/// <param name="PriorAnswered">Answers the smoothing adds.</param>
/// <param name="PriorPings">Pings the smoothing adds.</param>
/// <param name="TrustAbove">A smoothed answer rate at or above which a standard sender becomes trusted.</param>
/// <param name="TrustedKeepAbove">A trusted sender stays trusted at or above this rate.</param>
/// <param name="RestrictBelow">A smoothed answer rate at or below which a standard sender becomes restricted.</param>
/// <param name="RestrictedKeepBelow">A restricted sender stays restricted at or below this rate.</param>
[GenerateSerializer, Immutable, Alias("pingactors.tier-rules")]
public sealed record TierRules(
    [property: Id(0)] int MinPings = 20,
    [property: Id(1)] int Window = 50,
    [property: Id(2)] double PriorAnswered = 1,
    [property: Id(3)] double PriorPings = 3,
    [property: Id(4)] double TrustAbove = 0.6,
    [property: Id(5)] double TrustedKeepAbove = 0.5,
    [property: Id(6)] double RestrictBelow = 0.1,
    [property: Id(7)] double RestrictedKeepBelow = 0.2);
