namespace PingActors.Api.Problems;

public static class ProducesProblemsExtensions
{
    /// <summary>
    /// Declares the problems this endpoint answers with beyond those every route of its kind has (401, 403, 400
    /// for bad input, 415, 503: the OpenAPI document's <c>ProblemResponses</c>), so the OpenAPI document lists each with its status,
    /// title and an example. Slugs come from <see cref="ProblemTypes"/>; repeated calls add up.
    /// </summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder endpoint, params string[] slugs)
        where TBuilder : IEndpointConventionBuilder => endpoint.WithMetadata(new ProblemsMetadata(slugs));

    /// <summary>
    /// Declares the problems this endpoint reports item by item inside its successful answer (each refused item of
    /// a batch carries one), so the OpenAPI document lists them on that answer. Repeated calls add up.
    /// </summary>
    public static TBuilder ProducesItemProblems<TBuilder>(this TBuilder endpoint, params string[] slugs)
        where TBuilder : IEndpointConventionBuilder => endpoint.WithMetadata(new ItemProblemsMetadata(slugs));
}
