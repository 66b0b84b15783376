using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PingActors.Api.Tests;

/// <summary>A bad setting stops the host at start-up, with a message that names the key.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Cluster:Mode", "bogus", "Production")]
    [InlineData("Pings:DailyLimit", "-1", "Production")]
    [InlineData("Pings:ResetTimeZone", "Mars/Olympus_Mons", "Production")]
    [InlineData("GroupCommit:MaxBatchSize", "0", "Production")]
    [InlineData("Auth:SigningKey", "too-short", "Production")]
    public void BadSetting_StopsTheHostNamingTheKey(string key, string value, string environment)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.UseSetting("ConnectionStrings:Postgres", "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none");
            web.UseSetting("Auth:SigningKey", "a-signing-key-that-is-long-enough-for-hs256");
            web.UseSetting(key, value);
        });

        var failure = Record.Exception(() => factory.Server);

        Assert.NotNull(failure);
        Assert.Contains(key, Flatten(failure), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingConnectionString_OutsideDevelopment_StopsTheHostNamingTheKey()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Auth:SigningKey", "a-signing-key-that-is-long-enough-for-hs256");
        });

        var failure = Record.Exception(() => factory.Server);

        Assert.Contains("ConnectionStrings:Postgres", Flatten(failure!), StringComparison.Ordinal);
    }

    private static string Flatten(Exception exception) =>
        string.Join(Environment.NewLine, Enumerable.Repeat(exception, 1).Concat(exception is AggregateException a ? a.InnerExceptions : [])
            .SelectMany(e => Chain(e)).Select(e => e.Message));

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
