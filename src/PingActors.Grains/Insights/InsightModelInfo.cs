namespace PingActors.Insights;

/// <summary>Which model made the figures.</summary>
/// <param name="Version">"1.&lt;fit&gt;": the version of the methods, then the id of the population fit (1.0 before the first fit).</param>
/// <param name="FittedAt">When the population model was fitted; null before the first fit.</param>
public sealed record InsightModelInfo(string Version, DateTimeOffset? FittedAt)
{
    /// <summary>The version of the methods; it changes when a method does.</summary>
    public const int Methods = 1;

    public static InsightModelInfo Of(InsightModel model) =>
        new(FormattableString.Invariant($"{Methods}.{model.Version}"), model.Version == 0 ? null : model.FittedAt);
}
