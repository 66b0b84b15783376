namespace PingActors.Import.Sources;

/// <summary>What the source holds: its design, and the tables the import reads with their columns.</summary>
public sealed record SourceShape(
    Design Design,
    IReadOnlyList<SourceTable> PingTables,
    SourceTable Chats,
    SourceTable Messages,
    SourceTable? Limits,
    IReadOnlyList<SourceTable> NotImported)
{
    /// <summary>The limit column of <see cref="Limits"/>.</summary>
    public string LimitColumn => Design == Design.Seed ? "daily_pings_limit" : "daily_limit";

    /// <summary>The limit a source user has unless set otherwise: the limit column's default, 50 if it has none.</summary>
    public int DefaultLimit =>
        Limits?.Columns.GetValueOrDefault(LimitColumn) is { } text && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var limit)
            ? limit
            : 50;

    /// <summary>The name the report gives the limits table.</summary>
    public string LimitsTableName => Limits?.Name ?? (Design == Design.Seed ? "ping_limits_cache" : "ping_limits");
}
