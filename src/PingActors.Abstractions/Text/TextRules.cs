using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace PingActors.Text;

/// <summary>The rules every piece of user text follows: trimmed, not empty, not too long, no control characters.</summary>
public static class TextRules
{
    /// <summary>The longest ping or chat message, in characters.</summary>
    public const int MaxMessageLength = 1_000;

    /// <summary>The longest listing title, in characters.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The longest client message id.</summary>
    public const int MaxClientMessageIdLength = 64;

    /// <summary>Trims a ping or chat message and checks it.</summary>
    public static bool TryNormalizeMessage(string? raw, [NotNullWhen(true)] out string? text) =>
        TryNormalize(raw, MaxMessageLength, out text);

    /// <summary>Trims a listing title and checks it.</summary>
    public static bool TryNormalizeTitle(string? raw, [NotNullWhen(true)] out string? text) =>
        TryNormalize(raw, MaxTitleLength, out text);

    /// <summary>Whether a client message id is 1 to 64 characters of <c>A-Z a-z 0-9 . _ : -</c>.</summary>
    public static bool IsValidClientMessageId([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxClientMessageIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    private static bool TryNormalize(string? raw, int maxLength, [NotNullWhen(true)] out string? text)
    {
        text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        // Characters, not UTF-16 units: an emoji counts once. Line breaks and tabs are text; other control
        // characters (NUL above all, which PostgreSQL refuses) are not.
        var length = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (++length > maxLength || (Rune.IsControl(rune) && rune.Value is not ('\n' or '\r' or '\t')))
            {
                text = null;
                return false;
            }
        }

        return true;
    }
}
