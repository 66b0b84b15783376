namespace PingActors.Limits;

/// <summary>
/// A sender's allowance as a token bucket: it holds up to its capacity and refills continuously, the whole capacity
/// every 24 hours, so there is no double burst around a midnight. A ping takes one token.
/// </summary>
/// <param name="Tokens">The tokens at <paramref name="At"/>.</param>
/// <param name="At">When the bucket held <paramref name="Tokens"/>.</param>
internal readonly record struct TokenBucket(double Tokens, DateTimeOffset At)
{
    /// <summary>How long an empty bucket takes to fill.</summary>
    public static readonly TimeSpan RefillPeriod = TimeSpan.FromHours(24);

    /// <summary>A full bucket of <paramref name="capacity"/> at <paramref name="at"/>.</summary>
    public static TokenBucket Full(int capacity, DateTimeOffset at) => new(capacity, at);

    /// <summary>The bucket at <paramref name="now"/>, refilled since and never over <paramref name="capacity"/>.</summary>
    public TokenBucket Refill(int capacity, DateTimeOffset now)
    {
        if (now <= At)
        {
            return this with { Tokens = Math.Min(Tokens, capacity) };
        }

        var refilled = Tokens + ((now - At).TotalSeconds * Math.Max(capacity, 0) / RefillPeriod.TotalSeconds);
        return new TokenBucket(Math.Min(refilled, capacity), now);
    }

    /// <summary>Whole pings the bucket allows now.</summary>
    public int Whole => (int)Math.Floor(Tokens + 1e-12);

    /// <summary>The bucket with one token taken (or given back, with <paramref name="tokens"/> negative).</summary>
    public TokenBucket Take(double tokens, int capacity) => this with { Tokens = Math.Min(Tokens - tokens, capacity) };

    /// <summary>When the bucket (refilling from now) holds <paramref name="tokens"/>; <see langword="null"/> if it never will.</summary>
    public DateTimeOffset? When(double tokens, int capacity)
    {
        if (Tokens + 1e-12 >= tokens)
        {
            return At;
        }

        if (capacity <= 0 || tokens > capacity)
        {
            return null;
        }

        return At + TimeSpan.FromSeconds((tokens - Tokens) * RefillPeriod.TotalSeconds / capacity);
    }
}
