using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Analysis.Rules.Security;

/// <summary>PD403 pip-config-in-final-stage: package index configuration and credential files left in the final image.</summary>
public sealed class PipConfigInFinalStageRule : IRule
{
    /// <summary>Files that configure package indexes or hold their credentials.</summary>
    private static readonly string[] ConfigFileNames = { "pip.conf", "pip.ini", ".pypirc", ".netrc", "_netrc" };

    /// <summary>Folders that hold nothing but pip's configuration.</summary>
    private static readonly string[] ConfigFolders = { "/root/.pip", "/root/.config/pip", "/etc/xdg/pip" };

    /// <summary>Poetry settings that configure a package source or its credentials.</summary>
    private static readonly string[] PoetrySourceSettings = { "repositories.", "http-basic.", "pypi-token.", "certificates." };

    private const string KeepOut = "keep it in a builder stage, or mount it for the one RUN with --mount=type=secret";

    public RuleDescriptor Descriptor { get; } = new(
        "PD403", "pip-config-in-final-stage", RuleCategory.Security, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports package index configuration that ends up in the final image: `pip.conf`, `pip.ini`, `.pypirc` or "
                + "`.netrc` copied in (also by `COPY . .` when the build context has them, or from a builder stage that wrote "
                + "them), written by a RUN (`> /etc/pip.conf`, `pip config set`, `poetry config repositories.…`), or an "
                + "`ENV PIP_INDEX_URL`-style setting.",
            WhyItMatters =
                "These files name private package servers and usually carry the login for them. In the final image they help "
                + "no one — the packages are already installed — but everyone who pulls the image can read them, and every "
                + "`pip` run in the container still goes to that server. The hardened multi-stage pattern keeps `pip.conf` "
                + "in the builder stage only; even better, a BuildKit secret mount gives it to the installing RUN without "
                + "storing it in any layer.",
            Example = "FROM python:3.12-slim\nCOPY pip.conf /etc/pip.conf\nRUN pip install -r requirements.txt",
            UseInstead = "FROM python:3.12-slim\nRUN --mount=type=secret,id=pipconf,target=/etc/pip.conf \\\n    pip install -r requirements.txt",
            FixHint = "Keep the configuration in a builder stage or mount it with `RUN --mount=type=secret`.",
            DifferencesFromAnchors =
                "Only the final stage and the stages it is built FROM are checked. Files written and deleted in the same RUN, "
                + "or written under a mount, do not reach a layer and are not reported. `ENV` settings that point at the "
                + "public PyPI, and ones with credentials in them (PD402 reports those), are not reported here.",
        });

    public void Check(RuleContext context)
    {
        var model = context.Model;
        var writtenByStage = new Dictionary<Stage, List<string>>();
        foreach (var stage in context.Syntax.Stages)
        {
            bool production = model.IsProductionStage(stage);
            var written = new List<string>();
            writtenByStage[stage] = written;
            string? workdir = StagePaths.InitialWorkdir(stage);
            foreach (var instruction in stage.Instructions)
            {
                switch (instruction)
                {
                    case WorkdirInstruction w:
                        workdir = StagePaths.Resolve(workdir, w.Path);
                        break;
                    case FileTransferInstruction copy:
                        CheckCopy(context, copy, workdir, production, written, writtenByStage);
                        break;
                    case RunInstruction run:
                        CheckRun(context, run, workdir, production, written);
                        break;
                    case EnvInstruction env when production:
                        CheckEnv(context, env);
                        break;
                }
            }
        }
    }

    private static bool IsConfigFileName(string name)
    {
        foreach (var configName in ConfigFileNames)
            if (string.Equals(name, configName, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static void CheckCopy(RuleContext context, FileTransferInstruction copy, string? workdir, bool production,
        List<string> written, Dictionary<Stage, List<string>> writtenByStage)
    {
        string keyword = copy.KeywordUpper;
        var destination = copy.Destination;
        bool reported = false;
        foreach (var source in copy.SourcePaths)
        {
            string name = StagePaths.BaseName(source.Value);
            if (IsConfigFileName(name))
            {
                if (StagePaths.TargetOf(copy, workdir, name) is { } target) written.Add(target);
                if (production && !reported)
                {
                    context.Report(source.Span, $"{keyword} puts {name} into the final image, where anyone who pulls it can read the index settings and credentials; {KeepOut}");
                    reported = true;
                }
                continue;
            }
            if (!production || reported) continue;
            if (copy is CopyInstruction { FromStage: { } from } && FromStageConfig(source.Value, from, writtenByStage) is { } carried)
            {
                context.Report(source.Span, $"COPY --from={from.DisplayName} brings {carried}, written in that stage, into the final image; copy only what the application needs");
                reported = true;
            }
            else if (copy is CopyInstruction { From: null } or AddInstruction && ContextConfigFiles(context, source.Value) is { } files)
            {
                context.Report(source.Span, $"{keyword} {source.Value} copies {files} from the build context into the final image; exclude it in .dockerignore");
                reported = true;
            }
        }
        if (destination is not null && IsConfigFileName(StagePaths.BaseName(destination.Value)) && !destination.Value.EndsWith('/'))
        {
            if (StagePaths.Resolve(workdir, destination.Value) is { } target) written.Add(target);
            if (production && !reported)
                context.Report(destination.Span, $"{keyword} writes {StagePaths.BaseName(destination.Value)} into the final image, where anyone who pulls it can read the index settings and credentials; {KeepOut}");
        }
    }

    /// <summary>The configuration file of <paramref name="from"/> (or a stage it is built on) that copying
    /// <paramref name="sourcePath"/> takes along, or null.</summary>
    private static string? FromStageConfig(string sourcePath, Stage from, Dictionary<Stage, List<string>> writtenByStage)
    {
        var source = StagePaths.Resolve("/", sourcePath);
        if (source is null) return null;
        foreach (var folder in ConfigFolders)
            if (StagePaths.IsInside(source, folder)) return source;
        foreach (var stage in from.SelfAndBaseStages())
        {
            if (!writtenByStage.TryGetValue(stage, out var written)) continue;
            foreach (var path in written)
                if (StagePaths.IsInside(path, source)) return path;
        }
        return null;
    }

    /// <summary>For a folder copied from the build context, the configuration files it holds that .dockerignore lets through.</summary>
    private static string? ContextConfigFiles(RuleContext context, string sourcePath)
    {
        string source = StagePaths.Unquote(sourcePath);
        if (source.IndexOfAny(new[] { '*', '?', '[', '$' }) >= 0) return null;
        string folder = source.Trim('/');
        if (folder == ".") folder = "";
        if (folder.StartsWith("./", StringComparison.Ordinal)) folder = folder.Substring(2);
        bool isFolder = source == "." || source.EndsWith('/') || context.Model.FileSystem.DirectoryExists(context.Model.ContextPath(folder));
        if (!isFolder) return null;
        List<string>? found = null;
        foreach (var name in ConfigFileNames)
        {
            string relative = folder.Length == 0 ? name : folder + "/" + name;
            if (context.Model.IsInBuildContext(relative)) (found ??= new()).Add(name);
        }
        return found is null ? null : string.Join(" and ", found);
    }

    private static void CheckRun(RuleContext context, RunInstruction run, string? workdir, bool production, List<string> written)
    {
        var commands = run.ShellCommands;
        for (int i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            var program = command.Program;
            bool mayWrite = command.Redirections.Count > 0 || program?.Name is "tee" or "cp" or "mv" or "install";
            if (!mayWrite && program?.Family is not ("pip" or "poetry")) continue;
            foreach (var (word, path) in WrittenFiles(command, workdir))
            {
                if (IsRemovedLater(commands, i, path) || IsUnderMount(run, path)) continue;
                written.Add(path);
                if (production)
                    context.Report(word.Span, $"This RUN writes {path} into a layer of the final image, where anyone who pulls it can read the index settings and credentials; {KeepOut}");
            }
            if (ConfigCommand(command) is { } setting)
            {
                if (setting.Path is { } path) written.Add(path);
                if (production) context.Report(setting.Word.Span, setting.Message);
            }
        }
    }

    /// <summary>Files named like a package configuration that a command writes: redirection targets, <c>tee</c>,
    /// and the destination of <c>cp</c>, <c>mv</c>, <c>install</c>.</summary>
    private static IEnumerable<(ShellWord Word, string Path)> WrittenFiles(ShellCommand command, string? workdir)
    {
        foreach (var redirection in command.Redirections)
        {
            if (redirection.IsHeredoc || redirection.Operator is not (">" or ">>" or ">|" or "&>" or "&>>") || redirection.Target is not { } target) continue;
            if (IsConfigFileName(StagePaths.BaseName(target.Value)) && StagePaths.Resolve(workdir, target.Value) is { } path) yield return (target, path);
        }
        var program = command.Program;
        if (program is null) yield break;
        if (program.Name == "tee")
        {
            foreach (var argument in program.Arguments)
                if (!argument.Value.StartsWith('-') && IsConfigFileName(StagePaths.BaseName(argument.Value)) && StagePaths.Resolve(workdir, argument.Value) is { } path)
                    yield return (argument, path);
        }
        else if (program.Name is "cp" or "mv" or "install" && program.Arguments.Count >= 2)
        {
            var destination = program.Arguments[^1];
            if (IsConfigFileName(StagePaths.BaseName(destination.Value)) && StagePaths.Resolve(workdir, destination.Value) is { } path)
                yield return (destination, path);
        }
    }

    private static bool IsRemovedLater(IReadOnlyList<ShellCommand> commands, int index, string path)
    {
        for (int i = index + 1; i < commands.Count; i++)
        {
            var program = commands[i].Program;
            if (program is null || program.Name != "rm") continue;
            foreach (var argument in program.Arguments)
                if (!argument.Value.StartsWith('-') && StagePaths.Resolve("/", argument.Value) is { } removed && StagePaths.IsInside(path, removed)) return true;
        }
        return false;
    }

    private static bool IsUnderMount(RunInstruction run, string path)
    {
        foreach (var mount in run.Mounts)
            if (mount.Target is { } target && StagePaths.Resolve("/", target) is { } folder && StagePaths.IsInside(path, folder)) return true;
        return false;
    }

    /// <summary><c>pip config set …</c> and <c>poetry config repositories.…</c> (and http-basic, pypi-token, certificates):
    /// the word to report, the file written (when known) and the message.</summary>
    private static (ShellWord Word, string? Path, string Message)? ConfigCommand(ShellCommand command)
    {
        var program = command.Program;
        if (program is null) return null;
        var arguments = program.Arguments;
        if (program.Family == "pip" && arguments.Count >= 3)
        {
            int config = IndexOfWord(arguments, "config");
            if (config != 0) return null;
            int set = IndexOfWord(arguments, "set");
            if (set < 0 || set + 1 >= arguments.Count) return null;
            string? path = HasWord(arguments, "--global") ? "/etc/pip.conf" : HasWord(arguments, "--site") ? null : "/root/.config/pip/pip.conf";
            return (arguments[set + 1], path,
                "`pip config set` writes pip's configuration file into a layer of the final image, where the index settings outlive the build; " + KeepOut);
        }
        if (program.Name == "poetry" && arguments.Count >= 2 && arguments[0].Value == "config")
        {
            for (int i = 1; i < arguments.Count; i++)
            {
                string value = arguments[i].Value;
                if (value.StartsWith('-')) continue;
                foreach (var prefix in PoetrySourceSettings)
                    if (value.StartsWith(prefix, StringComparison.Ordinal))
                        return (arguments[i], null,
                            $"`poetry config {value}` stores the package source setting in Poetry's configuration inside the final image; " + KeepOut);
                return null;
            }
        }
        return null;
    }

    private static int IndexOfWord(IReadOnlyList<ShellWord> words, string value)
    {
        for (int i = 0; i < words.Count; i++)
            if (words[i].Value == value) return i;
        return -1;
    }

    private static bool HasWord(IReadOnlyList<ShellWord> words, string value) => IndexOfWord(words, value) >= 0;

    private static void CheckEnv(RuleContext context, EnvInstruction env)
    {
        foreach (var pair in env.Pairs)
        {
            string key = pair.Key.ToUpperInvariant();
            bool indexSetting = Array.IndexOf(Credentials.IndexUrlVariables, key) >= 0
                || (key.StartsWith("POETRY_REPOSITORIES_", StringComparison.Ordinal) && key.EndsWith("_URL", StringComparison.Ordinal));
            if (!indexSetting) continue;
            string value = (pair.GetValue(null, context.Syntax.EscapeChar) ?? pair.Value).Trim();
            if (value.Length == 0 || IsPublicPyPI(value)) continue;
            bool tokenAlone = Array.IndexOf(Credentials.IndexUrlVariables, key) >= 0;
            if (Credentials.UrlCredentials(value, tokenAlone) is not null) continue;
            context.Report(pair.KeySpan,
                $"ENV {pair.Key} keeps the package index setting in the final image, where every pip run in the container still uses it; set it in the builder stage or for the one RUN that installs");
        }
    }

    private static bool IsPublicPyPI(string value)
    {
        foreach (var url in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            string host = scheme < 0 ? url : url.Substring(scheme + 3);
            int slash = host.IndexOf('/');
            if (slash >= 0) host = host.Substring(0, slash);
            if (host is not ("pypi.org" or "pypi.python.org" or "files.pythonhosted.org")) return false;
        }
        return true;
    }
}
