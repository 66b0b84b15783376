using System.ComponentModel.DataAnnotations;

namespace PingActors.Pings;

/// <summary>The rules of pinging (configuration section <c>Pings</c>).</summary>
public sealed class PingOptions : IValidatableObject
{
    public const string Section = "Pings";

    /// <summary>Pings a sender may send per day unless an admin set their own limit.</summary>
    [Range(0, 1_000_000_000)]
    public int DailyLimit { get; set; } = 50;

    /// <summary>The time zone whose midnight resets allowances (an IANA or Windows id).</summary>
    [Required]
    public string ResetTimeZone { get; set; } = "UTC";

    /// <summary>How long a ping stays pending before it expires.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(72);

    /// <summary>
    /// How often the expiry sweeper looks for pending pings past their time; a ping expires within one interval
    /// of it. Runs on the domain clock. Zero turns the sweeper off in this silo.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most due pings one sweep query returns; a sweep repeats it until none are left.</summary>
    [Range(1, 10_000)]
    public int SweepBatchSize { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(ResetTimeZone, out _))
        {
            yield return new ValidationResult($"'{ResetTimeZone}' is not a time zone this machine knows.", [nameof(ResetTimeZone)]);
        }
    }
}
