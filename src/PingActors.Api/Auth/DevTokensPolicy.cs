using Microsoft.Extensions.Options;

namespace PingActors.Api.Auth;

/// <summary>
/// Development tokens let anyone mint a token for any user with any role, admin included. Outside Development
/// they are a start-up error unless <c>Auth:AllowDevTokensOutsideDevelopment</c> says so explicitly; wherever they
/// are on, the host warns once at start-up.
/// </summary>
internal sealed partial class DevTokensPolicy(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    /// <summary>Whether the development token endpoint is on: as configured, else only in Development.</summary>
    public static bool AreOn(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>($"{AuthOptions.Section}:{nameof(AuthOptions.DevTokens)}") ?? environment.IsDevelopment();

    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        (options.DevTokens ?? environment.IsDevelopment()) && !environment.IsDevelopment() && !options.AllowDevTokensOutsideDevelopment
            ? ValidateOptionsResult.Fail(
                $"{AuthOptions.Section}:{nameof(AuthOptions.DevTokens)}: must be off outside Development (this is {environment.EnvironmentName}): "
                + $"anyone could mint an admin token. Set {AuthOptions.Section}:{nameof(AuthOptions.AllowDevTokensOutsideDevelopment)}=true to run with them anyway.")
            : ValidateOptionsResult.Success;

    /// <summary>Warns that dev tokens are on; logged at every start-up where they are.</summary>
    public static void WarnIfOn(WebApplication app, bool on)
    {
        if (on)
        {
            LogDevTokensOn(app.Logger, app.Environment.EnvironmentName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development tokens are on ({Environment}): anyone who reaches POST /v1/dev/token can mint a token for any user, admins included. Set Auth:DevTokens=false wherever others can reach this host")]
    private static partial void LogDevTokensOn(ILogger logger, string environment);
}
