using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace PingActors.Text;

/// <summary>
/// The rules every piece of user text follows: trimmed of whitespace and invisible characters, not empty, not
/// too long, no control characters, no bidirectional overrides.
/// </summary>
public static class TextRules
{
    /// <summary>The longest ping or chat message, in characters.</summary>
    public const int MaxMessageLength = 1_000;

    /// <summary>The longest listing title, in characters.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The longest client message id.</summary>
    public const int MaxClientMessageIdLength = 64;

    /// <summary>What a valid message is, in words, for the problems that refuse one.</summary>
    public static readonly string MessageRule = Rule(MaxMessageLength);

    /// <summary>What a valid listing title is, in words, for the problems that refuse one.</summary>
    public static readonly string TitleRule = Rule(MaxTitleLength);

    /// <summary>Trims a ping or chat message and checks it.</summary>
    public static bool TryNormalizeMessage(string? raw, [NotNullWhen(true)] out string? text) =>
        TryNormalize(raw, MaxMessageLength, out text);

    /// <summary>Trims a listing title and checks it.</summary>
    public static bool TryNormalizeTitle(string? raw, [NotNullWhen(true)] out string? text) =>
        TryNormalize(raw, MaxTitleLength, out text);

    /// <summary>Whether a client message id is 1 to 64 characters of <c>A-Z a-z 0-9 . _ : -</c>.</summary>
    public static bool IsValidClientMessageId([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxClientMessageIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    private static string Rule(int maxLength) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"1 to {maxLength:N0} characters once trimmed, some of them visible, without control characters or bidirectional overrides");

    private static bool TryNormalize(string? raw, int maxLength, [NotNullWhen(true)] out string? text)
    {
        text = raw is null ? null : Trim(raw);
        if (text is null || !text.EnumerateRunes().Any(rune => !InvisibleCharacters.IsBlank(rune)))
        {
            text = null;
            return false;
        }

        // Characters, not UTF-16 units: an emoji counts once. Line breaks and tabs are text; other control
        // characters (NUL above all, which PostgreSQL refuses) are not, and neither are bidirectional overrides.
        // Zero-width joiners stay valid inside text: emoji sequences and Persian words need them.
        var length = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (++length > maxLength
                || (Rune.IsControl(rune) && rune.Value is not ('\n' or '\r' or '\t'))
                || InvisibleCharacters.IsBidiControl(rune))
            {
                text = null;
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Removes whitespace and invisible characters from both ends. What belongs to visible text stays: a direction
    /// mark, and at the end a character that modifies the one before it (the emoji style of ❤️). A bidirectional
    /// control is never removed here, so it is refused wherever it sits.
    /// </summary>
    private static string Trim(string raw)
    {
        var start = 0;
        while (start < raw.Length
               && Rune.DecodeFromUtf16(raw.AsSpan(start), out var rune, out var used) == OperationStatus.Done
               && IsTrimmed(rune))
        {
            start += used;
        }

        var end = raw.Length;
        while (end > start
               && Rune.DecodeLastFromUtf16(raw.AsSpan(start, end - start), out var rune, out var used) == OperationStatus.Done
               && IsTrimmed(rune) && !InvisibleCharacters.ModifiesPrevious(rune))
        {
            end -= used;
        }

        return raw[start..end];
    }

    private static bool IsTrimmed(Rune rune) =>
        InvisibleCharacters.IsBlank(rune) && !InvisibleCharacters.IsBidiControl(rune) && !InvisibleCharacters.IsDirectionMark(rune);
}
