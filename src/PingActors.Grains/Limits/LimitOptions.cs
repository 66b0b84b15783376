using System.ComponentModel.DataAnnotations;

namespace PingActors.Limits;

/// <summary>
/// The limits' settings (configuration section <c>Limits</c>): the policy enforced until an admin stores one
/// (<c>PUT /v1/admin/limits/policy</c>), and how often each silo looks for a stored change.
/// </summary>
public sealed class LimitOptions : IValidatableObject
{
    public const string Section = "Limits";

    /// <summary>
    /// The policy <see cref="Enforced"/> starts from: <see cref="LimitPreset.Smart"/> (every rule, the defaults of
    /// <see cref="LimitPolicy"/>) or <see cref="LimitPreset.Flat"/> (only the daily allowance, as before the smart rules).
    /// </summary>
    public LimitPreset Preset { get; set; } = LimitPreset.Smart;

    /// <summary>
    /// The policy enforced while none is stored: the preset, with whatever is set here over it. Its standard cap
    /// defaults to <c>Pings:DailyLimit</c>.
    /// </summary>
    public LimitPolicy Enforced { get; set; } = new();

    /// <summary>How often each silo reads the stored policy: a change reaches the whole cluster within this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Enforced.Validate().Select(error => new ValidationResult(error.Value[0], [$"{nameof(Enforced)}:{ConfigurationKey(error.Key)}"]));

    private static string ConfigurationKey(string field) => string.Concat(char.ToUpperInvariant(field[0]).ToString(), field[1..]).Replace('.', ':');
}
