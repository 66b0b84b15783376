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
