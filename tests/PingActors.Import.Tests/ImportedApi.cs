using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PingActors.Platform;
using PingActors.Testing.Processes;

namespace PingActors.Import.Tests;

/// <summary>
/// The API in single-node mode over an import's target database, on Kestrel on loopback, with the domain clock
/// at the imported data's now: what the users of the old system see once traffic switches.
/// </summary>
public sealed class ImportedApi : IAsyncDisposable
{
    private const string SigningKey = "import-tests-signing-key-of-at-least-32-bytes";
    private readonly WebApplicationFactory<Program> _factory;

    private ImportedApi(WebApplicationFactory<Program> factory) => _factory = factory;

    public IServiceProvider Services => _factory.Services;

    public static async Task<ImportedApi> StartAsync(string connectionString, FakeTimeProvider clock)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Postgres", connectionString);
            web.UseSetting("Auth:SigningKey", SigningKey);
            web.UseSetting("Auth:DevTokens", "true");
            web.UseSetting("Cluster:SiloPort", Repository.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Cluster:GatewayPort", Repository.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Urls", "http://127.0.0.1:0");
            web.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, clock));
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var api = new ImportedApi(factory);
        using var client = factory.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        return api;
    }

    /// <summary>A client signed in as <paramref name="username"/> with a development token.</summary>
    public async Task<HttpClient> SignInAsync(string username, params string[] roles)
    {
        var client = _factory.CreateClient();
        var response = await client.PostAsJsonAsync("/v1/dev/token", new { username, roles });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
