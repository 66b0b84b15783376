using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PingActors.Api.Problems;

namespace PingActors.Api.OpenApi;

/// <summary>
/// Lists every problem an operation can answer with: one response per status, <c>application/problem+json</c>,
/// whose description names each slug and whose examples show each problem as it is sent, with <c>Retry-After</c>
/// where the problem carries it. The problems are those the endpoint declares (<see cref="ProducesProblemsExtensions.ProducesProblems"/>)
/// and those that follow from what it is: a route that needs a token has 401 and reaches the cluster (503); one
/// with a policy has 403; one that reads input has 400; one that reads a JSON body has 415.
/// </summary>
internal sealed class ProblemResponses : IOpenApiOperationTransformer
{
    public const string ProblemSchema = "Problem";
    public const string ValidationProblemSchema = "ValidationProblem";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= [];
        foreach (var status in For(context.Description).GroupBy(slug => ApiProblems.Describe(slug).Status).OrderBy(group => group.Key))
        {
            var slugs = status.ToList();
            var schema = status.Key == StatusCodes.Status400BadRequest ? ValidationProblemSchema : ProblemSchema;
            var response = new OpenApiResponse
            {
                Description = string.Join(" ", slugs.Select(slug => $"`{slug}`: {ApiProblems.Describe(slug).Title}")),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemJsonWriter.ContentType] = new()
                    {
                        Schema = new OpenApiSchemaReference(schema, context.Document),
                        Examples = slugs.ToDictionary(slug => slug, slug => (IOpenApiExample)new OpenApiExample
                        {
                            Summary = ApiProblems.Describe(slug).Title,
                            Value = ProblemExamples.For(slug, context.Description.RelativePath),
                        }),
                    },
                },
                Extensions = new Dictionary<string, IOpenApiExtension>
                {
                    ["x-problem-types"] = new JsonNodeExtension(new JsonArray([.. slugs.Select(slug => JsonValue.Create(ProblemTypes.Uri(slug)))])),
                },
            };
            if (slugs.Any(ResponseHeaders.CarriesRetryAfter))
            {
                response.Headers = new Dictionary<string, IOpenApiHeader> { [ResponseHeaders.RetryAfter] = ResponseHeaders.RetryAfterHeader() };
            }
            else if (status.Key == StatusCodes.Status401Unauthorized)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader> { ["WWW-Authenticate"] = ResponseHeaders.WwwAuthenticateHeader() };
            }

            operation.Responses[status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        DescribeItemProblems(operation, context.Description);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The problems a successful answer carries item by item (<see cref="ProducesProblemsExtensions.ProducesItemProblems"/>):
    /// named in its description and listed in <c>x-item-problem-types</c>, as the error responses list theirs.
    /// </summary>
    private static void DescribeItemProblems(OpenApiOperation operation, ApiDescription description)
    {
        var slugs = description.ActionDescriptor.EndpointMetadata.OfType<ItemProblemsMetadata>().SelectMany(declared => declared.Slugs).Distinct().ToList();
        if (slugs.Count == 0
            || operation.Responses?.FirstOrDefault(response => response.Key.StartsWith('2')).Value is not OpenApiResponse success)
        {
            return;
        }

        success.Description = $"{success.Description} Each refused item carries its problem, with its status: "
            + string.Join(" ", slugs.Select(slug => $"`{slug}` ({ApiProblems.Describe(slug).Status}): {ApiProblems.Describe(slug).Title}"));
        success.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        success.Extensions["x-item-problem-types"] = new JsonNodeExtension(new JsonArray([.. slugs.Select(slug => JsonValue.Create(ProblemTypes.Uri(slug)))]));
    }

    /// <summary>Every problem slug an endpoint can answer with: declared, and following from what it is.</summary>
    public static IReadOnlyList<string> For(ApiDescription description)
    {
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var slugs = metadata.OfType<ProblemsMetadata>().SelectMany(declared => declared.Slugs).ToList();
        var authorization = metadata.OfType<IAuthorizeData>().ToList();
        if (authorization.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any())
        {
            slugs.Add(ProblemTypes.Unauthorized);
            slugs.Add(ProblemTypes.Unavailable);
            if (authorization.Any(rule => rule.Policy is not null || rule.Roles is not null))
            {
                slugs.Add(ProblemTypes.Forbidden);
            }
        }

        if (description.ParameterDescriptions.Count > 0)
        {
            slugs.Add(ProblemTypes.Validation);
        }

        if (description.ParameterDescriptions.Any(parameter => parameter.Source == BindingSource.Body))
        {
            slugs.Add(ProblemTypes.UnsupportedMediaType);
        }

        return [.. slugs.Distinct()];
    }
}
