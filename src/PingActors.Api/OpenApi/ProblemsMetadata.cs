namespace PingActors.Api.OpenApi;

/// <summary>The problems an endpoint answers with, by slug (<see cref="Problems.ProblemTypes"/>); the OpenAPI document lists them.</summary>
public sealed record ProblemsMetadata(IReadOnlyList<string> Slugs);
