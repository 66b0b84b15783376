using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PingActors.Platform;
using PingActors.Testing;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests;

/// <summary>
/// The API in single-node mode, on Kestrel on loopback, over a fresh PostgreSQL database, with the domain's
/// clock in the tests' hands. Tests reach it only over HTTP and make their own users and listings.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public const string SigningKey = "api-tests-signing-key-of-at-least-32-bytes";

    private readonly IReadOnlyDictionary<string, string> _settings;
    private WebApplicationFactory<Program> _factory = null!;

    public ApiFixture()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A fixture whose host also gets <paramref name="settings"/> (configuration keys and values).</summary>
    protected ApiFixture(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    /// <summary>Starts at the real time (dev tokens are checked against the real clock) and only moves forward.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public TestDatabase Database { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    public virtual async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Postgres", Database.ConnectionString);
            web.UseSetting("Auth:SigningKey", SigningKey);
            web.UseSetting("Auth:DevTokens", "true");
            web.UseSetting("Cluster:SiloPort", Repository.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Cluster:GatewayPort", Repository.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            // A port of its own: fixtures run side by side, and Kestrel's default (localhost:5000) would be shared.
            web.UseSetting("Urls", "http://127.0.0.1:0");
            foreach (var (key, value) in _settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(services =>
            {
                services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, Clock);
                ConfigureServices(services);
            });
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        using var client = Anonymous();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>What a fixture adds to the host's services, after the host's own.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous() => _factory.CreateClient();

    /// <summary>A client signed in as <paramref name="username"/> with a development token.</summary>
    public async Task<HttpClient> SignInAsync(string username, params string[] roles)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/v1/dev/token", new { username, roles });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A username no other test uses.</summary>
    public static string NewUser(string role = "user") => $"{role}-{Guid.NewGuid():N}"[..32];
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
