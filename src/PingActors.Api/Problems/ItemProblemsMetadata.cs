namespace PingActors.Api.Problems;

/// <summary>
/// The problems an endpoint reports per item inside a successful answer (a batch), by slug
/// (<see cref="ProblemTypes"/>); the OpenAPI document lists them on that answer.
/// </summary>
public sealed record ItemProblemsMetadata(IReadOnlyList<string> Slugs);
