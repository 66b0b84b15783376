using PingActors.Text;

namespace PingActors.Grains.Tests.Rules;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("  hello  ", "hello")]
    [InlineData("line one\nline two", "line one\nline two")]
    [InlineData("tab\tseparated", "tab\tseparated")]
    public void Message_IsTrimmedAndKept(string raw, string expected)
    {
        Assert.True(TextRules.TryNormalizeMessage(raw, out var text));
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\n ")]
    [InlineData("nul\0inside")]
    [InlineData("bell\u0007")]
    public void Message_EmptyOrWithControlCharacters_IsRefused(string? raw) =>
        Assert.False(TextRules.TryNormalizeMessage(raw, out _));

    [Theory]
    [InlineData("\u200B")] // zero-width space
    [InlineData("\u200C")] // zero-width non-joiner
    [InlineData("\u200D")] // zero-width joiner
    [InlineData("\u2060")] // word joiner
    [InlineData("\uFEFF")] // byte order mark
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData("\u00A0")] // no-break space
    [InlineData(" \u200B\u00A0\n\u2060 ")]
    [InlineData("\u3164\u115F")] // Hangul fillers
    [InlineData("\u00AD")] // soft hyphen
    [InlineData("\uFE0F")] // a variation selector with nothing to modify
    [InlineData("\u200F\u200E")] // direction marks alone
    public void Message_OfOnlyInvisibleCharacters_IsRefused(string raw) =>
        Assert.False(TextRules.TryNormalizeMessage(raw, out _));

    [Theory]
    [InlineData("abc\u202Edef")] // right-to-left override
    [InlineData("\u202Dtext")] // left-to-right override
    [InlineData("\u202Atext\u202C")] // embedding and its pop
    [InlineData("\u202Btext")]
    [InlineData("file\u2066gpj.exe\u2069")] // isolates
    [InlineData("\u2067x")]
    [InlineData("\u2068x")]
    [InlineData("hello\u202E")] // even where trimming would have reached it
    public void Message_WithABidirectionalControl_IsRefused(string raw) =>
        Assert.False(TextRules.TryNormalizeMessage(raw, out _));

    [Theory]
    [InlineData("\u200Bhello\uFEFF", "hello")]
    [InlineData("\u2060 hi \u200D", "hi")]
    [InlineData("\u00A0hi\u00A0", "hi")]
    [InlineData("👩\u200D💻", "👩\u200D💻")] // an emoji sequence keeps its joiner
    [InlineData("می\u200Cخواهم", "می\u200Cخواهم")] // Persian keeps its non-joiner
    [InlineData("I ❤\uFE0F", "I ❤\uFE0F")] // the emoji style of the last character stays
    [InlineData("🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F")] // a subdivision flag keeps its tags
    [InlineData("שלום!\u200F", "שלום!\u200F")] // a direction mark stays with its punctuation
    public void Message_IsTrimmedOfInvisibleCharactersAtTheEndsOnly(string raw, string expected)
    {
        Assert.True(TextRules.TryNormalizeMessage(raw, out var text));
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\uFEFF\u00A0")]
    [InlineData("Bike \u202E65 cm")]
    public void Title_InvisibleOrWithABidirectionalControl_IsRefused(string raw) =>
        Assert.False(TextRules.TryNormalizeTitle(raw, out _));

    [Fact]
    public void Message_CountsCharactersNotUtf16Units()
    {
        var thousandEmoji = string.Concat(Enumerable.Repeat("😀", 1_000));

        Assert.True(TextRules.TryNormalizeMessage(thousandEmoji, out _));
        Assert.False(TextRules.TryNormalizeMessage(thousandEmoji + "!", out _));
    }

    [Theory]
    [InlineData("abc-123_x.y:z", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("ünïcode", false)]
    public void ClientMessageId_AllowsOnlyPlainTokens(string id, bool valid) =>
        Assert.Equal(valid, TextRules.IsValidClientMessageId(id));

    [Fact]
    public void ClientMessageId_LongerThanSixtyFour_IsRefused() =>
        Assert.False(TextRules.IsValidClientMessageId(new string('a', 65)));
}
