using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PingActors.Testing;

namespace PingActors.Api.Tests.Processes;

/// <summary>
/// Every write path of state a grain holds between calls (listings; a user's limits and a chat's read cursors,
/// which are history writes with their events) over HTTP on the multi-process cluster, with PostgreSQL refusing the write:
/// the request is a 503 with Retry-After, and the change it asked for is nowhere, neither in the running
/// cluster once the fault is lifted nor after a restart of every process.
/// </summary>
public sealed class GrainStateFaultTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _cluster = await ProcessCluster.StartAsync(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        _cluster?.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task StateWrites_RefusedByTheDatabase_Answer503_AndLeaveTheStateAsItWas_ThroughARestart()
    {
        var paths = new List<(string Name, Func<Task<StorageFaults>> Fail, Func<Task<HttpResponseMessage>> Change, Func<Task> AssertAsBefore)>
        {
            await ListingCreatedAsync(),
            await ListingRetitledAsync(),
            await ListingClosedAsync(),
            await DailyLimitSetAsync(),
            await CooldownSetAsync(),
            await ChatMarkedReadAsync(),
        };

        foreach (var (name, fail, change, _) in paths)
        {
            await using (await fail())
            {
                using var refused = await change();
                Assert.True(HttpStatusCode.ServiceUnavailable == refused.StatusCode, $"{name}: answered {(int)refused.StatusCode}, not 503");
                Assert.True(refused.Headers.RetryAfter is not null, $"{name}: a 503 without Retry-After");
            }
        }

        foreach (var (name, _, _, assertAsBefore) in paths)
        {
            await AssertAsync(name, "once the fault was lifted", assertAsBefore);
        }

        await _cluster.RestartAsync();
        foreach (var (name, _, _, assertAsBefore) in paths)
        {
            await AssertAsync(name, "after a restart", assertAsBefore);
        }
    }

    private async Task<(string, Func<Task<StorageFaults>>, Func<Task<HttpResponseMessage>>, Func<Task>)> ListingCreatedAsync()
    {
        var owner = await NewUserAsync("owner");
        var sender = await NewUserAsync("sender");
        var listingId = Guid.NewGuid();
        return ("listing create",
            () => StorageFaults.FailGrainStateAsync(_database.ConnectionString, "listing", listingId),
            () => SendAsync(owner, HttpMethod.Put, $"/v1/listings/{listingId}", new { title = "Oak table" }),
            async () =>
            {
                Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(owner, HttpMethod.Get, $"/v1/listings/{listingId}")).StatusCode);
                Assert.Equal("listing-not-found", await ProblemTypeAsync(await SendAsync(sender, HttpMethod.Post, "/v1/pings", new { listingId, message = "Still there?" })));
            });
    }

    private async Task<(string, Func<Task<StorageFaults>>, Func<Task<HttpResponseMessage>>, Func<Task>)> ListingRetitledAsync()
    {
        var owner = await NewUserAsync("owner");
        var listingId = await NewListingAsync(owner, "Oak table");
        return ("listing retitle",
            () => StorageFaults.FailGrainStateAsync(_database.ConnectionString, "listing", listingId),
            () => SendAsync(owner, HttpMethod.Put, $"/v1/listings/{listingId}", new { title = "Oak table, seats six" }),
            async () => Assert.Equal("Oak table", (await ReadAsync(owner, $"/v1/listings/{listingId}")).GetProperty("title").GetString()));
    }

    private async Task<(string, Func<Task<StorageFaults>>, Func<Task<HttpResponseMessage>>, Func<Task>)> ListingClosedAsync()
    {
        var owner = await NewUserAsync("owner");
        var listingId = await NewListingAsync(owner, "Lamp");
        return ("listing close",
            () => StorageFaults.FailGrainStateAsync(_database.ConnectionString, "listing", listingId),
            () => SendAsync(owner, HttpMethod.Post, $"/v1/listings/{listingId}/close"),
            async () =>
            {
                Assert.Equal("open", (await ReadAsync(owner, $"/v1/listings/{listingId}")).GetProperty("status").GetString());
                var sender = await NewUserAsync("sender");
                Assert.Equal(HttpStatusCode.Created, (await SendAsync(sender, HttpMethod.Post, "/v1/pings", new { listingId, message = "Is it open?" })).StatusCode);
            });
    }

    private async Task<(string, Func<Task<StorageFaults>>, Func<Task<HttpResponseMessage>>, Func<Task>)> DailyLimitSetAsync()
    {
        var admin = await _cluster.SignInAsync($"admin-{Guid.NewGuid():N}"[..20], "admin");
        var (user, token) = await NewNamedUserAsync("limited");
        return ("admin daily limit",
            () => StorageFaults.FailUserLimitsAsync(_database.ConnectionString, user),
            () => SendAsync(admin, HttpMethod.Put, $"/v1/admin/users/{user}/limits", new { dailyLimit = 3 }),
            async () => Assert.Equal(50, (await ReadAsync(token, "/v1/me/limits")).GetProperty("dailyLimit").GetInt32()));
    }

    private async Task<(string, Func<Task<StorageFaults>>, Func<Task<HttpResponseMessage>>, Func<Task>)> CooldownSetAsync()
    {
        var admin = await _cluster.SignInAsync($"admin-{Guid.NewGuid():N}"[..20], "admin");
        var (user, token) = await NewNamedUserAsync("cooled");
        return ("admin cooldown",
            () => StorageFaults.FailUserLimitsAsync(_database.ConnectionString, user),
            () => SendAsync(admin, HttpMethod.Put, $"/v1/admin/users/{user}/cooldown", new { until = TimeProvider.System.GetUtcNow().AddHours(1) }),
            async () => Assert.Equal(JsonValueKind.Null, (await ReadAsync(token, "/v1/me/limits")).GetProperty("cooldownUntil").ValueKind));
    }

    private async Task<(string, Func<Task<StorageFaults>>, Func<Task<HttpResponseMessage>>, Func<Task>)> ChatMarkedReadAsync()
    {
        var owner = await NewUserAsync("owner");
        var listingId = await NewListingAsync(owner, "Bike");
        var sender = await NewUserAsync("sender");
        var ping = await SendAsync(sender, HttpMethod.Post, "/v1/pings", new { listingId, message = "Does it ride?" });
        Assert.Equal(HttpStatusCode.Created, ping.StatusCode);
        var chatId = (await ping.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("chatId").GetGuid();
        return ("chat read",
            () => StorageFaults.FailHistoryAsync(_database.ConnectionString, chatId),
            () => SendAsync(owner, HttpMethod.Post, $"/v1/chats/{chatId}/read", new { seq = 1 }),
            async () => Assert.Equal(1, (await ReadAsync(owner, $"/v1/chats/{chatId}")).GetProperty("unread").GetInt32()));
    }

    private static async Task AssertAsync(string path, string when, Func<Task> assertion)
    {
        try
        {
            await assertion();
        }
        catch (Exception ex) when (ex is Xunit.Sdk.XunitException or KeyNotFoundException or InvalidOperationException)
        {
            throw new Xunit.Sdk.XunitException($"{path}, {when}: the state is not as it was. {ex.Message}");
        }
    }

    private async Task<string> NewUserAsync(string role) => (await NewNamedUserAsync(role)).Token;

    private async Task<(string Name, string Token)> NewNamedUserAsync(string role)
    {
        var name = $"{role}-{Guid.NewGuid():N}"[..24];
        return (name, await _cluster.SignInAsync(name));
    }

    private async Task<Guid> NewListingAsync(string owner, string title)
    {
        var listingId = Guid.NewGuid();
        (await _cluster.EnsureAsync(owner, HttpMethod.Put, $"/v1/listings/{listingId}", new { title })).Dispose();
        return listingId;
    }

    private async Task<JsonElement> ReadAsync(string token, string path)
    {
        using var response = await SendAsync(token, HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, object? body = null) =>
        _cluster.SendAsync(token, method, path, body);

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString()!.Split('/')[^1]
            : null;
}
