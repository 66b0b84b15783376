using Npgsql;

namespace PingActors.Grains.Tests.Chats;

[Collection(ClusterCollection.Name)]
public sealed class ChatCostTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public async Task StoredChat_AfterTenThousandMessages_IsTheSizeItWasAfterOne()
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
        var afterOne = await StoredSizeAsync(shortPing.ChatId);
        var afterTenThousand = await StoredSizeAsync(longPing.ChatId);
        Assert.Equal(afterOne, afterTenThousand);
        // Read cursors are part of the row: a chat keeps nothing in grain storage.
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM orleansstorage WHERE graintypestring = 'chat'"));
    }

    /// <summary>The size of the chat's row in <c>chats</c>: where it stands, and how far each participant read.</summary>
    private async Task<int> StoredSizeAsync(Guid chatId)
    {
        await using var connection = await Fixture.Database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_column_size(c.*) FROM chats c WHERE chat_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = chatId });
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
