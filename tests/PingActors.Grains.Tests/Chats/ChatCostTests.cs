using Npgsql;

namespace PingActors.Grains.Tests.Chats;

[Collection(ClusterCollection.Name)]
public sealed class ChatCostTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public async Task StoredChatState_AfterTenThousandMessages_IsTheSizeItWasAfterOne()
    {
        var (shortOwner, _, shortPing) = await NewPingAsync();
        var (longOwner, longSender, longPing) = await NewPingAsync();
        var longChat = Chat(longPing.ChatId);
        var authors = new[] { longOwner, longSender };
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async worker =>
        {
            for (var i = 0; i < 200; i++)
            {
                await longChat.PostMessageAsync(authors[(worker + i) % 2], $"message {worker}/{i}", null);
            }
        }));

        await Chat(shortPing.ChatId).MarkReadAsync(shortOwner, 1);
        await longChat.MarkReadAsync(longOwner, 1);

        Assert.Equal(10_001, await CountAsync("SELECT count(*) FROM messages WHERE chat_id = $1", longPing.ChatId));
        var afterOne = await StoredPayloadSizeAsync(shortPing.ChatId);
        var afterTenThousand = await StoredPayloadSizeAsync(longPing.ChatId);
        Assert.Equal(afterOne, afterTenThousand);
        Assert.InRange(afterTenThousand, 1, 64);
    }

    /// <summary>The size of the chat grain's row in OrleansStorage, found by the provider's key for a Guid grain.</summary>
    private async Task<int> StoredPayloadSizeAsync(Guid chatId)
    {
        var key = chatId.ToByteArray();
        await using var connection = await Fixture.Database.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT length(payloadbinary) FROM orleansstorage WHERE graintypestring = 'chat' AND grainidn0 = $1 AND grainidn1 = $2",
            connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = BitConverter.ToInt64(key, 0) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = BitConverter.ToInt64(key, 8) });
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
