namespace PingActors.Benchmarks.Simulation;

/// <summary>
/// What an owner does with a ping: answer, decline or ignore it, and when. Fast owners answer most good pings
/// within the hour, slow ones within the day, absent ones hardly ever; everybody answers spam rarely and declines
/// much of it.
/// </summary>
internal static class OwnerBehaviour
{
    public static (SimulatedAction? Action, TimeSpan Delay) Decide(OwnerKind kind, bool spam, Random random)
    {
        var (answer, decline, medianMinutes) = kind switch
        {
            OwnerKind.Fast => (0.85, 0.10, 20.0),
            OwnerKind.Slow => (0.60, 0.10, 480.0),
            _ => (0.10, 0.02, 1800.0),
        };
        if (spam)
        {
            (answer, decline) = (answer * 0.05, 0.5);
        }

        // Log-normal reaction times around the owner's median.
        var delay = TimeSpan.FromMinutes(medianMinutes * Math.Exp(0.8 * Gaussian(random)));
        var roll = random.NextDouble();
        return roll < answer ? (SimulatedAction.Respond, delay)
            : roll < answer + decline ? (SimulatedAction.Decline, delay)
            : (null, TimeSpan.Zero);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
