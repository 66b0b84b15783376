using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PingActors.Api.Problems;
using PingActors.Hosting;
using PingActors.Users;

namespace PingActors.Api.Auth;

public static class AuthSetup
{
    /// <summary>
    /// The policy of the Orleans Dashboard and <c>/metrics</c>: an admin, a request from this machine itself, or one
    /// that arrived on the operator port (<c>Operations:Port</c>), which the deployment publishes to operators only.
    /// </summary>
    public const string OperatorPolicy = "operator";

    /// <summary>The setting that names the operator port.</summary>
    public const string OperatorPortKey = "Operations:Port";

    /// <summary>
    /// HS256 bearer tokens: <c>sub</c> is the username, <c>role</c> may carry <c>admin</c> and <c>service</c>.
    /// A missing or bad token is a 401 problem, a token without the needed role a 403 problem.
    /// </summary>
    /// <returns>Whether the development token endpoint is on (outside Development only with an explicit override: <see cref="DevTokensPolicy"/>).</returns>
    public static bool AddPingActorsAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(AuthOptions.Section);
        services.AddSingleton<IValidateOptions<AuthOptions>, DevTokensPolicy>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<ValidatedTokens>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((jwt, auth) =>
        {
            jwt.MapInboundClaims = false;
            // Nothing reads the token back from the authentication properties.
            jwt.SaveToken = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Value.Issuer,
                ValidAudience = auth.Value.Audience,
                // The previous keys too, while tokens signed before a rotation are still valid.
                IssuerSigningKeys = [.. auth.Value.AcceptedKeys.Select(key => new SymmetricSecurityKey(key))],
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                NameClaimType = TokenClaims.Subject,
                RoleClaimType = TokenClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            jwt.Events = new JwtBearerEvents
            {
                // A token this node has validated before needs no second validation (see ValidatedTokens).
                OnMessageReceived = context =>
                {
                    var token = ValidatedTokens.FromHeader(context.Request.Headers.Authorization);
                    var principal = Validated(context.HttpContext).Find(token, Now(context.Options), AuthenticationType(context.Options));
                    if (principal is not null)
                    {
                        context.Principal = principal;
                        context.Success();
                    }

                    return Task.CompletedTask;
                },
                OnTokenValidated = context =>
                {
                    if (!Username.IsValid(context.Principal?.FindFirst(TokenClaims.Subject)?.Value))
                    {
                        context.Fail("The token's sub is not a valid username.");
                    }
                    else if (context.SecurityToken is JsonWebToken token)
                    {
                        Validated(context.HttpContext).Remember(token.EncodedToken, context.Principal!, token.ValidTo, Now(context.Options));
                    }

                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
                        ? "Bearer"
                        : "Bearer error=\"invalid_token\"";
                    await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                        context.AuthenticateFailure is null ? "Send Authorization: Bearer <token>." : "The bearer token is not valid.");
                },
                OnForbidden = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Your token lacks the role this needs."),
            };
        });

        var operatorPort = builder.Configuration.GetValue<int?>(OperatorPortKey);
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.AdminPolicy, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(OperatorPolicy, policy => policy.RequireAssertion(context =>
                context.User.IsInRole(Roles.Admin)
                || (context.Resource is HttpContext http && (IsLocal(http) || http.Connection.LocalPort == operatorPort))));

        return DevTokensPolicy.AreOn(builder.Configuration, builder.Environment);
    }

    private static ValidatedTokens Validated(HttpContext http) => http.RequestServices.GetRequiredService<ValidatedTokens>();

    /// <summary>The time by the clock the bearer handler checks expiry with.</summary>
    private static DateTimeOffset Now(JwtBearerOptions options) => (options.TimeProvider ?? TimeProvider.System).GetUtcNow();

    /// <summary>The authentication type the bearer handler gives the identities it builds.</summary>
    private static string AuthenticationType(JwtBearerOptions options) =>
        options.TokenValidationParameters.AuthenticationType ?? "AuthenticationTypes.Federation";

    /// <summary>A request from this machine that no proxy relayed.</summary>
    private static bool IsLocal(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
        && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded");

    private static async Task WriteProblemAsync(HttpContext http, int status, string detail)
    {
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Type = ProblemTypes.Uri(ProblemTypes.ForStatus(status)), Detail = detail },
        });
    }
}

[OptionsValidator]
internal sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>;
