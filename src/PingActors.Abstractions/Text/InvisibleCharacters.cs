using System.Text;

namespace PingActors.Text;

/// <summary>
/// Characters a reader cannot see. Unicode names them: <c>Default_Ignorable_Code_Point</c> (zero-width spaces
/// and joiners, the word joiner, the byte order mark, soft hyphens, Hangul fillers, variation selectors, tags,
/// bidirectional formatting, ...) renders as nothing, which is what makes a message of nothing else look empty.
/// The table follows Unicode's DerivedCoreProperties.txt.
/// </summary>
public static class InvisibleCharacters
{
    private static readonly (int First, int Last)[] _defaultIgnorable =
    [
        (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
        (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
        (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
    ];

    /// <summary>Whether <paramref name="rune"/> renders as nothing on its own (whitespace aside).</summary>
    public static bool IsDefaultIgnorable(Rune rune)
    {
        foreach (var (first, last) in _defaultIgnorable)
        {
            if (rune.Value < first)
            {
                return false;
            }

            if (rune.Value <= last)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whitespace, or a character that renders as nothing: what trimming removes.</summary>
    public static bool IsBlank(Rune rune) => Rune.IsWhiteSpace(rune) || IsDefaultIgnorable(rune);

    /// <summary>
    /// An invisible character that changes the one before it: a variation selector (text or emoji style of ❤),
    /// a tag (the subdivision flags), the grapheme joiner, the Khmer inherent vowels. At the end of a text it
    /// belongs to the last visible character, so trimming keeps it there.
    /// </summary>
    public static bool ModifiesPrevious(Rune rune) => rune.Value
        is 0x034F or (>= 0x17B4 and <= 0x17B5) or (>= 0x180B and <= 0x180D) or 0x180F
        or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0020 and <= 0xE007F) or (>= 0xE0100 and <= 0xE01EF);

    /// <summary>
    /// The implicit direction marks (U+200E, U+200F, U+061C): invisible, but they set the direction of the
    /// punctuation beside them in right-to-left text, so trimming keeps them next to visible text.
    /// </summary>
    public static bool IsDirectionMark(Rune rune) => rune.Value is 0x200E or 0x200F or 0x061C;

    /// <summary>
    /// A bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069). They reorder what a reader
    /// sees against what was written ("Trojan Source"), so user text may not hold them. The implicit marks
    /// (<see cref="IsDirectionMark"/>) only nudge neutral characters and stay allowed.
    /// </summary>
    public static bool IsBidiControl(Rune rune) => rune.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
}
