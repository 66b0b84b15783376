namespace PingActors.Import.Sources;

/// <summary>One source query and the staging table its rows go into.</summary>
/// <param name="Source">The source table it reads, for progress and the plan.</param>
/// <param name="Kind">Which staging table, and so which columns the query returns, in order.</param>
/// <param name="Select">The query, its columns cast to the staging table's types.</param>
public sealed record StagingCopy(string Source, StagingKind Kind, string Select);
