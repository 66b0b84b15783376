namespace PingActors.Api.Problems;

/// <summary>The problems an endpoint answers with, by slug (<see cref="ProblemTypes"/>); the OpenAPI document lists them.</summary>
public sealed record ProblemsMetadata(IReadOnlyList<string> Slugs);
