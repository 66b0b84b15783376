using System.Reflection;
using System.Xml.Linq;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PingActors.Api.OpenApi;

/// <summary>
/// Each operation's summary and description from its handler's <c>&lt;summary&gt;</c> (the build writes the
/// assembly's documentation file beside it): the first sentence is the summary, the whole text the description. So
/// the comment above a handler is the one place its documentation lives.
/// </summary>
internal sealed class OperationSummaries : IOpenApiOperationTransformer
{
    private static readonly Lazy<Dictionary<string, string>> _summaries = new(Load);

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault() is { DeclaringType: { } type } handler
            && _summaries.Value.TryGetValue($"{type.FullName}.{handler.Name}", out var text))
        {
            var end = text.IndexOf(". ", StringComparison.Ordinal);
            operation.Summary ??= end < 0 ? text.TrimEnd('.') : text[..end];
            operation.Description ??= text;
        }

        return Task.CompletedTask;
    }

    /// <summary>Every method's summary, by type and name, as one line.</summary>
    private static Dictionary<string, string> Load()
    {
        var path = Path.ChangeExtension(typeof(OperationSummaries).Assembly.Location, ".xml");
        if (!File.Exists(path))
        {
            return [];
        }

        return XDocument.Load(path).Descendants("member")
            .Where(member => member.Attribute("name")?.Value.StartsWith("M:", StringComparison.Ordinal) == true && member.Element("summary") is not null)
            .GroupBy(member => member.Attribute("name")!.Value[2..].Split('(')[0])
            .ToDictionary(group => group.Key, group => string.Join(" ", group.First().Element("summary")!.Nodes()
                .Select(node => node is XElement element ? element.Attribute("cref")?.Value.Split('.')[^1] ?? element.Value : node.ToString())
                .SelectMany(text => text.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries))));
    }
}
