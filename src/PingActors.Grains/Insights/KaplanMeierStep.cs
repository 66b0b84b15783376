namespace PingActors.Insights;

/// <summary>One step of a Kaplan-Meier curve: at <paramref name="Time"/>, of <paramref name="AtRisk"/>, <paramref name="Events"/> were answered.</summary>
/// <param name="Survival">The chance of still being unanswered just after <paramref name="Time"/>.</param>
public readonly record struct KaplanMeierStep(double Time, long AtRisk, long Events, double Survival);
