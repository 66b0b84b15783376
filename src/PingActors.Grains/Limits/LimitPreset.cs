namespace PingActors.Limits;

/// <summary>Where the configured policy starts from.</summary>
public enum LimitPreset
{
    /// <summary>Every rule, with the defaults of <see cref="LimitPolicy"/>.</summary>
    Smart,

    /// <summary>Only the flat daily allowance (<see cref="LimitPolicy.Flat"/>).</summary>
    Flat,
}
