using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace PingActors.Users;

/// <summary>The usernames PingActors accepts: 3 to 32 characters of <c>a-z 0-9 _ . -</c>, starting with a letter or digit.</summary>
public static partial class Username
{
    /// <summary>Whether <paramref name="value"/> is a valid username.</summary>
    public static bool IsValid([NotNullWhen(true)] string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{2,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
