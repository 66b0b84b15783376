using System.Security.Cryptography;

namespace PingActors.LocalPostgres;

/// <summary>Creates the folder a <see cref="LocalPostgresServer"/> lives in: a data directory made by initdb, a run folder and a password.</summary>
internal static class PostgresDataFolder
{
    public static async Task CreateAsync(
        PostgresBinaries binaries, string root, string? runAs, string passwordFile, string superuser, bool durable, IReadOnlyList<string> extraSettings,
        CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(root, "data");
        var runDirectory = Path.Combine(root, "run");
        // Open to others (0755): under root, the server's own user must be able to reach data/ and run/.
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(runDirectory);
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true); // a half-made one from an interrupted first start
        }

        Directory.CreateDirectory(dataDirectory);

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await WritePrivateFileAsync(passwordFile, password, cancellationToken);

        // initdb reads the password from a file; give the server's user its own short-lived copy.
        var initPasswordFile = Path.Combine(runDirectory, "initdb-password");
        await WritePrivateFileAsync(initPasswordFile, password, cancellationToken);
        if (runAs is not null)
        {
            await Command.RunAsync("chown", ["-R", $"{runAs}:", dataDirectory, runDirectory], runAs: null, cancellationToken);
        }

        try
        {
            List<string> arguments =
            [
                "-D", dataDirectory, "-U", superuser, "--auth=scram-sha-256", $"--pwfile={initPasswordFile}",
                "--encoding=UTF8", "--locale=C", "--no-instructions",
            ];
            if (!durable)
            {
                arguments.Add("--no-sync");
            }

            await Command.RunAsync(binaries.InitDb, arguments, runAs, cancellationToken);
        }
        finally
        {
            File.Delete(initPasswordFile);
        }

        // Loopback only, a socket in run/, and room for a few silos' pools. A server for tests trades crash
        // safety (which nothing it holds needs) for speed; any other stays fully durable.
        List<string> settings =
        [
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{runDirectory.Replace("'", "''", StringComparison.Ordinal)}'",
            "max_connections = 300",
        ];
        if (!durable)
        {
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }

        settings.AddRange(extraSettings);

        // Appending keeps the file's owner, which under root is the server's user, as it must be.
        var appended = $"{Environment.NewLine}# PingActors{Environment.NewLine}{string.Join(Environment.NewLine, settings)}{Environment.NewLine}";
        await File.AppendAllTextAsync(Path.Combine(dataDirectory, "postgresql.conf"), appended, cancellationToken);
    }

    private static async Task WritePrivateFileAsync(string path, string contents, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, contents, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
