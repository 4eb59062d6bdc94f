using PyDockerLsp.Server.Protocol;
using FileSystemWatcher = PyDockerLsp.Server.Protocol.FileSystemWatcher;

namespace PyDockerLsp.Server.Lsp;

/// <summary>The capabilities the server registers with the client after initialized.</summary>
public static class ClientRegistrations
{
    /// <summary>Every file whose change can change a Dockerfile's findings: Dockerfiles, the Python manifests and
    /// lock files, the interpreter pin and .dockerignore.</summary>
    public static readonly IReadOnlyList<string> WatchedGlobs = new[]
    {
        "**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile}",
        "**/requirements*.txt",
        "**/*.in",
        "**/pyproject.toml",
        "**/{poetry,uv}.lock",
        "**/Pipfile*",
        "**/.python-version",
        "**/.dockerignore",
    };

    public static async Task RegisterAsync(LanguageServer server)
    {
        var registrations = new List<Registration>();
        if (server.Client.WatchedFilesDynamicRegistration)
        {
            registrations.Add(new Registration
            {
                Id = "pydocker-watched-files",
                Method = "workspace/didChangeWatchedFiles",
                RegisterOptions = new DidChangeWatchedFilesRegistrationOptions
                {
                    Watchers = WatchedGlobs.Select(glob => new FileSystemWatcher { GlobPattern = glob }).ToList(),
                },
            });
        }
        if (server.Client.ConfigurationDynamicRegistration)
        {
            registrations.Add(new Registration
            {
                Id = "pydocker-configuration",
                Method = "workspace/didChangeConfiguration",
                RegisterOptions = new DidChangeConfigurationRegistrationOptions { Section = Configuration.Section },
            });
        }
        if (registrations.Count == 0) return;
        await server.SendRequestAsync("client/registerCapability", new RegistrationParams { Registrations = registrations }.ToJson()).ConfigureAwait(false);
    }
}

public static class TaskExtensions
{
    /// <summary>Lets a task run on its own; a failure is logged (a client refusing a request is not a crash).</summary>
    public static void Forget(this Task task, ILog log, string what)
    {
        task.ContinueWith(t =>
        {
            var error = t.Exception!.GetBaseException();
            if (error is RemoteErrorException) log.Warning($"{what}: {error.Message}");
            else log.Error($"{what} failed: {error}");
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
