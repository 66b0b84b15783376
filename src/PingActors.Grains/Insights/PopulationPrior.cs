namespace PingActors.Insights;

/// <summary>The answer-probability prior: Beta(<paramref name="Alpha"/>, <paramref name="Beta"/>) over <paramref name="Owners"/> owners (0: the weak default).</summary>
public sealed record PopulationPrior(double Alpha, double Beta, double Mean, int Owners);
