using Orleans.Dashboard;
using PingActors.Api.Analytics;
using PingActors.Api.Auth;
using PingActors.Api.Chats;
using PingActors.Api.Hosting;
using PingActors.Api.Idempotency;
using PingActors.Api.Insights;
using PingActors.Api.Json;
using PingActors.Api.Limits;
using PingActors.Api.Listings;
using PingActors.Api.Notifications;
using PingActors.Api.OpenApi;
using PingActors.Api.Pings;
using PingActors.Api.Problems;
using PingActors.Api.Problems.Rejections;
using PingActors.Api.Resilience;
using PingActors.Api.Routing;
using PingActors.Hosting;
using PingActors.Operations.Health;
using PingActors.Operations.Telemetry;

namespace PingActors.Api;

/// <summary>The API host, put together: the program runs it, and the benchmark hosts it in its own process.</summary>
public static class ApiApplication
{
    /// <summary>Builds the host and migrates its database; <paramref name="configure"/> may adjust the builder first.</summary>
    /// <exception cref="LocalPostgres.PostgresNotInstalledException">The embedded database was needed but PostgreSQL is not installed.</exception>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64 * 1024).UseProblemsForRejectedRequests();
        var cluster = await builder.AddPingActorsBackendAsync();
        var devTokens = builder.AddPingActorsAuth();
        builder.Services.AddPingActorsProblems().AddPingActorsJson().AddPingActorsIdempotency().AddPingActorsOpenApi().AddPingActorsRouting().AddPingActorsStream();
        builder.Services.AddSingleton<GrainCalls>();
        builder.Services.AddSingleton<AnalyticsRebuilds>();
        builder.Services.AddSingleton<InsightReads>();

        var app = builder.Build();
        await app.MigratePingActorsDatabaseAsync();
        DevTokensPolicy.WarnIfOn(app, devTokens);

        app.UseExceptionHandler();
        app.UseDefaultFiles();
        app.UseStaticFiles(); // the web client (wwwroot): public files, no credentials in them
        app.UsePingActorsStatusCodeProblems();
        app.UseAuthentication();
        app.UseAuthorization();

        var v1 = app.MapGroup("/v1").RequireAuthorization().RequireCanonicalIds();
        v1.MapListingEndpoints().MapPingEndpoints().MapChatEndpoints().MapLimitEndpoints().MapLimitPolicyEndpoints().MapAnalyticsEndpoints()
            .MapStreamEndpoints().MapInsightEndpoints();
        if (devTokens)
        {
            v1.MapDevTokenEndpoints();
        }

        app.MapPingActorsHealth();
        app.MapPingActorsMetrics().RequireAuthorization(AuthSetup.OperatorPolicy);
        app.MapOpenApi().AllowAnonymous();
        app.MapPingActorsApiReference();
        if (cluster.Dashboard)
        {
            app.MapOrleansDashboard("/dashboard").RequireAuthorization(AuthSetup.OperatorPolicy).ExcludeFromDescription();
        }

        return app;
    }
}
