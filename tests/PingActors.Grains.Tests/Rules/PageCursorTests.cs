using PingActors.Paging;

namespace PingActors.Grains.Tests.Rules;

public sealed class PageCursorTests
{
    [Fact]
    public void Cursor_RoundTripsThroughItsToken()
    {
        var cursor = new PageCursor(new DateTimeOffset(2026, 11, 28, 14, 7, 52, 123, TimeSpan.Zero).AddTicks(4567), Guid.NewGuid());

        Assert.True(PageCursor.TryParse(cursor.ToString(), out var parsed));
        Assert.Equal(cursor, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("AAAA")]
    [InlineData("____________________________________________")]
    public void Cursor_Garbage_IsRefused(string token) => Assert.False(PageCursor.TryParse(token, out _));
}
