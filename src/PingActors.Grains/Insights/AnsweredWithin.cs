namespace PingActors.Insights;

/// <summary>The chance that a new ping is answered within <paramref name="Hours"/> hours.</summary>
public sealed record AnsweredWithin(double Hours, double Probability);
