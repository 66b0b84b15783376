namespace PingActors.Testing.SourceDesigns;

/// <summary>The texts of generated pings and messages, the odd ones included.</summary>
public static class SourceTexts
{
    private static readonly string[] _pings =
    [
        "Is it still available?", "Hi! Would you take 80 for it?", "Can I pick it up this weekend?",
        "Does it come with the charger?", "Is the price negotiable?", "Could you send a photo of the back?",
        "I'm interested, where are you located?", "Still for sale?",
    ];

    private static readonly string[] _replies =
    [
        "Yes, still available.", "Sorry, it's gone.", "I can do 90.", "Saturday works.", "Sure, sending one now.",
        "It's near the station.", "Thanks!", "See you then.", "Let me check and get back to you.",
    ];

    /// <summary>
    /// Texts an import must carry byte for byte: emoji with modifiers and joiners, right-to-left script,
    /// combining marks, CJK, astral-plane letters, tabs and line breaks, quotes and backslashes (COPY's escapes
    /// among them), SQL, spaces at the ends, control and bidirectional characters, and a text longer than
    /// PingActors accepts today (history keeps what the old system took).
    /// </summary>
    public static IReadOnlyList<string> Odd { get; } =
    [
        "Is it still available? 👍🏽",
        "مرحبا، هل ما زال متاحاً؟",
        "Cafe\u0301 cre\u0300me, nai\u0308ve",
        "👨‍👩‍👧‍👦 big enough for us?",
        "Tab\there and a\nnew line\r\nand another",
        "Quotes \"double\" 'single' `back` and \\N and \\. and a lone \\",
        "'); DROP TABLE pings; --",
        "日本語のテキスト、大丈夫ですか？",
        "Zero\u200Bwidth and\u00A0no-break",
        "  spaces at both ends  ",
        "Bell \u0007 and escape \u001B[31m",
        "\u202Ereversed on purpose",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕥𝕖𝕩𝕥 🚲",
        string.Concat(Enumerable.Repeat("long ", 300)).TrimEnd(),
    ];

    public static string Ping(Random random) => random.Next(50) == 0 ? Odd[random.Next(Odd.Count)] : _pings[random.Next(_pings.Length)];

    public static string Reply(Random random) => random.Next(50) == 0 ? Odd[random.Next(Odd.Count)] : _replies[random.Next(_replies.Length)];
}
