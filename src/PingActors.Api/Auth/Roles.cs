namespace PingActors.Api.Auth;

/// <summary>The roles a token's <c>role</c> claim may carry.</summary>
public static class Roles
{
    /// <summary>Operators: limits, cooldowns, the dashboard from afar.</summary>
    public const string Admin = "admin";

    /// <summary>Trusted backends, which may act for other users (register a listing for its owner).</summary>
    public const string Service = "service";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Admin, Service };

    /// <summary>The policy that lets only admins through.</summary>
    public const string AdminPolicy = "admin";
}
