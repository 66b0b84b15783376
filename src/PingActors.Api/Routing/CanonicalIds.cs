using System.Reflection;
using PingActors.Api.Problems;

namespace PingActors.Api.Routing;

/// <summary>
/// Ids in the URL are accepted in one spelling only: 36 characters, <c>8-4-4-4-12</c> hexadecimal digits.
/// <see cref="Guid"/> binding alone also takes braces, parentheses, 32 bare digits and surrounding spaces (a
/// trailing <c>%20</c>), so one resource would have many URLs, and caches, logs and rate limits keyed on the URL
/// would see different things. Applied to a route group, every id parameter of every endpoint in it is checked,
/// including endpoints added later.
/// </summary>
public static class CanonicalIds
{
    public const int Length = 36;

    public static TBuilder RequireCanonicalIds<TBuilder>(this TBuilder group)
        where TBuilder : IEndpointConventionBuilder => group.AddEndpointFilterFactory((factory, next) =>
    {
        var ids = factory.MethodInfo.GetParameters().Where(IsId).Select(p => p.Name!).ToArray();
        return ids.Length == 0 ? next : context =>
        {
            var request = context.HttpContext.Request;
            foreach (var name in ids)
            {
                var raw = request.RouteValues.TryGetValue(name, out var value) ? value as string : request.Query[name].FirstOrDefault();
                if (raw is not null && !IsCanonical(raw))
                {
                    return ValueTask.FromResult<object?>(ApiProblems.Validation(name, "An id is 36 characters: 8-4-4-4-12 hexadecimal digits, without braces or spaces."));
                }
            }

            return next(context);
        };
    });

    /// <summary>Whether <paramref name="raw"/> is an id in its one accepted spelling.</summary>
    public static bool IsCanonical(string raw) => raw.Length == Length && Guid.TryParseExact(raw, "D", out _);

    private static bool IsId(ParameterInfo parameter) =>
        parameter.Name is not null && (parameter.ParameterType == typeof(Guid) || parameter.ParameterType == typeof(Guid?));
}
