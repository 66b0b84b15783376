namespace PingActors.Limits;

/// <summary>How a sender's allowance refills.</summary>
public enum AllowanceMode
{
    /// <summary>A token bucket holding the cap that refills continuously, the whole cap over 24 hours: no double burst around a reset.</summary>
    TokenBucket,

    /// <summary>The cap per allowance day, all of it back at midnight in the reset time zone.</summary>
    FixedWindow,
}
