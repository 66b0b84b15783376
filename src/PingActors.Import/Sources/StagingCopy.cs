namespace PingActors.Import.Sources;

/// <summary>One source query and the staging table its rows go into, column for column.</summary>
/// <param name="Source">The source table it reads, for progress and the plan.</param>
/// <param name="Stage">The staging table (without schema).</param>
/// <param name="Select">The query, whose columns are cast to <paramref name="Types"/>.</param>
public sealed record StagingCopy(string Source, string Stage, string Select, IReadOnlyList<ColumnType> Types);
