using System.Net;
using System.Text.RegularExpressions;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.OpenApi;

/// <summary>
/// A client generated from <c>/openapi/v1.json</c> with Microsoft Kiota (the repository's local tool,
/// <c>.config/dotnet-tools.json</c>) compiles, sends a ping, and gets a refusal as the document's typed problem.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class GeneratedClientTests(ApiFixture fixture) : ApiTestBase(fixture), IDisposable
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(5);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pingactors-client-{Guid.NewGuid():N}");

    [Fact]
    public async Task ClientGeneratedFromTheDocument_Compiles_SendsAPing_AndReadsAProblem()
    {
        Directory.CreateDirectory(_folder);
        var document = Path.Combine(_folder, "openapi.json");
        await File.WriteAllTextAsync(document, await Fixture.Anonymous().GetStringAsync("/openapi/v1.json"));
        await RunAsync("dotnet", "tool", "restore");
        await RunAsync("dotnet", "kiota", "generate", "--language", "CSharp", "--openapi", document, "--output", Path.Combine(_folder, "Client"),
            "--class-name", "PingActorsClient", "--namespace-name", "PingActors.Client", "--exclude-backward-compatible");
        await File.WriteAllTextAsync(Path.Combine(_folder, "client.csproj"), Project);
        await File.WriteAllTextAsync(Path.Combine(_folder, "Program.cs"), Program);
        var (_, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser("sender");
        var senderClient = await Fixture.SignInAsync(sender);
        var ownListing = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await senderClient.PutAsync($"/v1/listings/{ownListing}", System.Net.Http.Json.JsonContent.Create(new { title = "Mine" }))).StatusCode);

        var output = await RunAsync("dotnet", "run", "--project", _folder, "--",
            Fixture.Anonymous().BaseAddress!.ToString(), senderClient.DefaultRequestHeaders.Authorization!.Parameter!, listingId.ToString(), ownListing.ToString());

        var sent = SentLine().Match(output);
        Assert.True(sent.Success, output);
        Assert.Equal(HttpStatusCode.OK, (await senderClient.GetAsync($"/v1/pings/{sent.Groups[1].Value}")).StatusCode);
        Assert.Contains("refused https://pingactors.dev/problems/own-listing 422", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        using var process = ChildProcess.Start(program, arguments, Repository.Root, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
        var exitCode = await process.WaitForExitAsync(_timeout);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {exitCode}:{Environment.NewLine}{process.Output}");
        return process.Output;
    }

    [GeneratedRegex(@"^sent ([0-9a-f-]{36})$", RegexOptions.Multiline)]
    private static partial Regex SentLine();

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.Kiota.Abstractions" Version="2.1.6" />
            <PackageReference Include="Microsoft.Kiota.Http.HttpClientLibrary" Version="2.1.6" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Json" Version="2.1.6" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Text" Version="2.1.6" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Form" Version="2.1.6" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Multipart" Version="2.1.6" />
          </ItemGroup>
        </Project>
        """;

    private const string Program = """
        using Microsoft.Kiota.Abstractions.Authentication;
        using Microsoft.Kiota.Http.HttpClientLibrary;
        using PingActors.Client;
        using PingActors.Client.Models;

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", args[1]);
        var client = new PingActorsClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = args[0].TrimEnd('/') });

        var sent = await client.V1.Pings.PostAsync(new SendPingRequest { ListingId = Guid.Parse(args[2]), Message = "Sent by a generated client" });
        Console.WriteLine($"sent {sent!.PingId}");
        try
        {
            await client.V1.Pings.PostAsync(new SendPingRequest { ListingId = Guid.Parse(args[3]), Message = "About my own listing" });
            Console.WriteLine("not refused");
        }
        catch (Problem problem)
        {
            Console.WriteLine($"refused {problem.Type} {problem.ResponseStatusCode}");
        }
        """;
}
