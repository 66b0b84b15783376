using PingActors.Chats;

namespace PingActors.Grains.Tests.Rules;

public sealed class ChatIdTests
{
    private static readonly Guid _listing = new("0b5e7a52-5a8e-4b7c-9f0e-3c1d2e4f6a7b");

    [Fact]
    public void ChatId_ForTheSamePair_IsAlwaysTheSame() =>
        Assert.Equal(ChatId.For(_listing, "alice"), ChatId.For(_listing, "alice"));

    [Fact]
    public void ChatId_ForAnotherSenderOrListing_Differs()
    {
        Assert.NotEqual(ChatId.For(_listing, "alice"), ChatId.For(_listing, "bob"));
        Assert.NotEqual(ChatId.For(_listing, "alice"), ChatId.For(Guid.NewGuid(), "alice"));
    }

    [Fact]
    public void ChatId_IsAVersion8Uuid() => Assert.Equal(8, ChatId.For(_listing, "alice").Version);
}
