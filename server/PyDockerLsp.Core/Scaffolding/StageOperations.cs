using System.Text;
using System.Text.RegularExpressions;

namespace PyDockerLsp.Core.Scaffolding;

/// <summary>The outcome of a stage operation: the new text when it applied, else the unchanged text and why not.</summary>
public sealed record StageOperationResult(bool Applied, string Text, string Explanation)
{
    internal static StageOperationResult NotApplicable(string text, string why) => new(false, text, why);
}

/// <summary>
/// Edits an existing Dockerfile's stages: add a dev/test stage, split a single stage into builder + final, add a distroless
/// final stage. They work on the text with a small line model (<see cref="DockerfileText"/>), keep everything they do not
/// need to touch byte for byte, write new lines with the file's own line ending, and say why when they do not apply —
/// so the server can offer each one only where it applies.
/// </summary>
public static class StageOperations
{
    private static readonly Regex VenvCreation = new(@"(?:\bpython[\d.]*\s+-m\s+venv|\bvirtualenv|\buv\s+venv)\s+(?:--?[\w-]+(?:=\S+)?\s+)*(?<path>[^\s;&|]+)", RegexOptions.CultureInvariant);
    private static readonly Regex PipInstall = new(@"(?:^|[\s;&|/])(?:pip3?|python[\d.]*\s+-m\s+pip)\s+install\b", RegexOptions.CultureInvariant);
    private static readonly Regex ToolCommand = new(@"(?:^|[\s;&|/])(?:pip3?|python[\d.]*\s+-m\s+(?:pip|venv)|uv|poetry|pipenv|virtualenv)(?:\s|$)", RegexOptions.CultureInvariant);
    private static readonly Regex BuildPackage = new(@"(?:^|\s)(?:gcc|g\+\+|clang|make|cmake|build-essential|pkg-config|python3?-dev|libc6-dev|cargo|rustc|[\w.+-]+-dev)(?=\s|$)", RegexOptions.CultureInvariant);
    private static readonly Regex UserManagement = new(@"^\s*(?:useradd|adduser|groupadd|addgroup)\b", RegexOptions.CultureInvariant);
    private static readonly Regex ShellMetacharacters = new(@"[$&|;<>`'""\\(){}*?]", RegexOptions.CultureInvariant);
    private static readonly Regex InstallsElsewhere = new(@"--(?:prefix|target|root)[=\s]", RegexOptions.CultureInvariant);
    private static readonly Regex ProjectToolInstall = new(@"(?:^|[\s;&|])(?:uv\s+sync|uv\s+pip\s+install|poetry\s+install|pipenv\s+(?:install|sync))\b", RegexOptions.CultureInvariant);
    private static readonly Regex PipInstallArguments = new(@"pip3?\s+install\s+(?<args>[^;&|]*)", RegexOptions.CultureInvariant);
    private static readonly Regex PackageToolName = new(@"^(?:pip|setuptools|wheel|uv|poetry|pipenv|poetry-plugin-export|virtualenv)(?:[=<>~!].*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex AptInstall = new(@"\bapt(?:-get)?\s+(?:-\S+\s+)*install\b", RegexOptions.CultureInvariant);
    private static readonly Regex PythonImage = new(@"^(?:docker\.io/)?(?:library/)?python:(?<version>\d+\.\d+)(?:\.\d+)?(?<variant>-[\w.-]+)?(?:@.*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex PythonExecutable = new(@"^(?:.*/)?python(?:3(?:\.\d+)?)?$", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> ManifestNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "pyproject.toml", "setup.py", "setup.cfg", "poetry.lock", "uv.lock", "Pipfile", "Pipfile.lock", ".python-version", "pip.conf", "MANIFEST.in",
    };

    /// <summary>Console scripts that are also runnable as <c>python -m name</c>.</summary>
    private static readonly HashSet<string> ModuleRunnableScripts = new(StringComparer.Ordinal)
    {
        "gunicorn", "uvicorn", "hypercorn", "daphne", "celery", "flask", "fastapi", "pytest",
    };

    // ==================================================================== convert to multi-stage

    /// <summary>
    /// Splits a single-stage build into a builder that installs the dependencies into a virtual environment and a final
    /// stage on the same image that copies that environment, keeps the code, the runtime settings and the command, and
    /// leaves compilers and package tools behind.
    /// </summary>
    public static StageOperationResult ConvertToMultiStage(string text, ScaffoldInputs inputs)
    {
        var dockerfile = DockerfileText.Parse(text);
        if (dockerfile.Stages.Count == 0) return StageOperationResult.NotApplicable(text, "The Dockerfile has no FROM instruction.");
        if (dockerfile.Stages.Count > 1) return StageOperationResult.NotApplicable(text, "The build already has several stages.");
        var stage = dockerfile.Stages[0];
        var instructions = stage.InstructionIndices.Select(i => dockerfile.Instructions[i]).ToList();

        int lastInstall = instructions.FindLastIndex(i => i.Keyword == "RUN" && IsDependencyInstall(CommandOf(i)));
        if (lastInstall < 0)
            return StageOperationResult.NotApplicable(text, "No dependency install (pip, uv, poetry or pipenv) was found to move into a builder stage.");

        var environment = FindEnvironment(instructions, lastInstall, inputs.PackageManager.Value);
        if (environment.Problem != null) return StageOperationResult.NotApplicable(text, environment.Problem);

        var (fromFlags, image, originalName) = instructions[0].ParseFrom();
        var builderName = originalName != null && originalName.Equals("builder", StringComparison.OrdinalIgnoreCase) ? "build-env" : "builder";
        var writer = new DockerfileWriter(dockerfile);
        writer.CopyLines(0, instructions[0].CommentStartLine - 1);
        writer.CopyLines(instructions[0].CommentStartLine, instructions[0].StartLine - 1);
        writer.Add(FromLine(fromFlags, image, builderName));

        // ---- the builder: everything the install needs
        var final = new List<Action>();
        bool removedBuildApt = false;
        bool environmentAdded = false;
        for (int k = 1; k < instructions.Count; k++)
        {
            var instruction = instructions[k];
            var placement = k <= lastInstall ? PlaceBeforeInstall(instruction) : Placement.Final;
            if (placement.HasFlag(Placement.Builder))
            {
                if (!environmentAdded && environment.Insert != null && instruction.Keyword == "RUN" && PipInstall.IsMatch(CommandOf(instruction)) && !IsToolInstall(CommandOf(instruction)))
                {
                    writer.Add("");
                    writer.Add("# The dependencies go into a virtual environment, which the final stage copies whole.");
                    foreach (var line in environment.Insert) writer.Add(line);
                    environmentAdded = true;
                }
                if (environment.ToolSetting is { } setting && !environmentAdded && instruction.Keyword == "RUN" && IsDependencyInstall(CommandOf(instruction)))
                {
                    writer.Add("");
                    writer.Add("# The environment inside the project folder, so the final stage can copy it.");
                    writer.Add(setting);
                    environmentAdded = true;
                }
                writer.CopyInstruction(instruction);
            }
            if (placement.HasFlag(Placement.Final)) { var captured = instruction; final.Add(() => writer.CopyInstruction(captured)); }
            if (placement == Placement.Builder && IsAptInstall(CommandOf(instruction)) && BuildPackage.IsMatch(CommandOf(instruction)))
            {
                removedBuildApt = true;
                if (inputs.NativeNeeds.HasRuntimePackages)
                    final.Add(() => { writer.Add(""); foreach (var line in AptInstallLines(inputs.NativeNeeds.RuntimePackages, dockerfile.EscapeChar, "The shared libraries the compiled dependencies load at run time.")) writer.Add(line); });
            }
            if (k == lastInstall)
            {
                final.Add(() =>
                {
                    writer.Add("");
                    writer.Add("# The environment the builder prepared: no compilers, caches or package tools come along.");
                    writer.Add($"COPY --from={builderName} {environment.Path} {environment.Path}");
                    if (!PathHasEnvironment(instructions, environment.Path))
                        writer.Add($"ENV PATH=\"{environment.Path}/bin:$PATH\"");
                });
            }
        }

        writer.Add("");
        writer.Add("");
        writer.Add("# The final stage: the same image, without the build tools.");
        writer.Add(FromLine(fromFlags, image, originalName));
        foreach (var step in final) step();
        writer.CopyTrailingLines(instructions[^1].EndLine + 1);

        var explanation = $"Moved the dependency install into a `{builderName}` stage; the final stage copies {environment.Path}.";
        if (environment.Insert != null) explanation += $" pip now installs into a virtual environment at {environment.Path}.";
        if (removedBuildApt)
            explanation += inputs.NativeNeeds.HasRuntimePackages
                ? $" The build packages stay in the builder; the final stage installs {string.Join(", ", inputs.NativeNeeds.RuntimePackages)}."
                : " The build packages stay in the builder: check which shared libraries the final stage still needs.";
        return new StageOperationResult(true, writer.ToText(), explanation);
    }

    [Flags]
    private enum Placement { Builder = 1, Final = 2, Both = Builder | Final }

    /// <summary>Where an instruction that came before the (last) dependency install belongs.</summary>
    private static Placement PlaceBeforeInstall(DockerInstruction instruction)
    {
        switch (instruction.Keyword)
        {
            case "RUN":
                var command = CommandOf(instruction);
                if (IsAptInstall(command)) return BuildPackage.IsMatch(command) ? Placement.Builder : Placement.Both;
                if (ToolCommand.IsMatch(command)) return Placement.Builder;
                if (UserManagement.IsMatch(command)) return Placement.Final;
                return Placement.Both;
            case "COPY":
            case "ADD":
                if (instruction.Flag("from") != null) return Placement.Builder;
                return CopiesOnlyManifests(instruction) ? Placement.Builder : Placement.Both;
            case "ENV":
                return IsToolConfiguration(instruction.Arguments) ? Placement.Builder : Placement.Both;
            case "ARG":
            case "WORKDIR":
            case "SHELL":
            case "USER":
                return Placement.Both;
            default:
                // LABEL, EXPOSE, VOLUME, HEALTHCHECK, CMD, ENTRYPOINT, STOPSIGNAL, ONBUILD describe the image that ships.
                return Placement.Final;
        }
    }

    private sealed record EnvironmentPlan(string Path, IReadOnlyList<string>? Insert, string? ToolSetting, string? Problem);

    /// <summary>Where the install puts the packages, and what must be added so that it is one copyable folder.</summary>
    private static EnvironmentPlan FindEnvironment(List<DockerInstruction> instructions, int lastInstall, PackageManager manager)
    {
        string workdir = "/";
        string? venv = null;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int k = 1; k <= lastInstall; k++)
        {
            var instruction = instructions[k];
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    workdir = ResolvePath(workdir, instruction.Arguments.Trim().Trim('"'));
                    break;
                case "ENV":
                    foreach (var (name, value) in EnvAssignments(instruction.Arguments)) env[name] = value;
                    break;
                case "RUN":
                    var command = CommandOf(instruction);
                    var match = VenvCreation.Match(command);
                    if (match.Success) venv = ResolvePath(workdir, match.Groups["path"].Value);
                    break;
            }
        }
        if (venv == null && env.TryGetValue("VIRTUAL_ENV", out var virtualEnv)) venv = ResolvePath(workdir, virtualEnv);

        var installs = instructions.Take(lastInstall + 1).Where(i => i.Keyword == "RUN" && IsDependencyInstall(CommandOf(i))).Select(CommandOf).ToList();
        string all = string.Join("\n", installs);
        string projectVenv = ResolvePath(workdir, ".venv");

        if (all.Contains("--user", StringComparison.Ordinal))
            return new(venv ?? "", null, null, "pip installs with --user into root's home, which an unprivileged final stage cannot read; install into a virtual environment first.");
        if (all.Contains("--system", StringComparison.Ordinal) || Truthy(env, "UV_SYSTEM_PYTHON"))
            return new("", null, null, "The install targets the system Python (--system); make it install into a virtual environment first, then the environment can be copied.");
        if (InstallsElsewhere.IsMatch(all))
            return new("", null, null, "pip installs with --prefix/--target/--root; copy that folder to the final stage yourself, or install into a virtual environment.");

        if (venv != null) return new(venv, null, null, null);
        if (all.Contains("uv sync", StringComparison.Ordinal))
            return new(env.TryGetValue("UV_PROJECT_ENVIRONMENT", out var uvEnv) ? ResolvePath(workdir, uvEnv) : projectVenv, null, null, null);
        if (all.Contains("poetry install", StringComparison.Ordinal) || manager == PackageManager.Poetry && !PipInstall.IsMatch(all))
        {
            if (env.TryGetValue("POETRY_VIRTUALENVS_CREATE", out var create) && IsFalse(create))
                return new("", null, null, "Poetry installs into the system Python (POETRY_VIRTUALENVS_CREATE=false); set POETRY_VIRTUALENVS_IN_PROJECT=1 instead, then the environment can be copied.");
            return Truthy(env, "POETRY_VIRTUALENVS_IN_PROJECT")
                ? new(projectVenv, null, null, null)
                : new(projectVenv, null, "ENV POETRY_VIRTUALENVS_IN_PROJECT=1", null);
        }
        if (all.Contains("pipenv install", StringComparison.Ordinal) || all.Contains("pipenv sync", StringComparison.Ordinal))
        {
            return Truthy(env, "PIPENV_VENV_IN_PROJECT")
                ? new(projectVenv, null, null, null)
                : new(projectVenv, null, "ENV PIPENV_VENV_IN_PROJECT=1", null);
        }
        // pip into the system site-packages: give it a virtual environment.
        return new("/venv", new[] { "RUN python -m venv /venv", "ENV PATH=\"/venv/bin:$PATH\"" }, null, null);
    }

    // ==================================================================== dev/test stage

    /// <summary>Adds a <c>dev</c> stage built FROM the builder that installs the dev dependencies and runs the tests, before the
    /// final stage, so that <c>docker build --target dev</c> tests and a plain build skips it.</summary>
    public static StageOperationResult AddDevTestStage(string text, ScaffoldInputs inputs)
    {
        var dockerfile = DockerfileText.Parse(text);
        if (dockerfile.Stages.Count < 2)
            return StageOperationResult.NotApplicable(text, "A dev stage builds on a builder stage: convert the Dockerfile to a multi-stage build first.");
        if (dockerfile.Stages.Any(s => s.Name is { } n && (n.Equals("dev", StringComparison.OrdinalIgnoreCase) || n.Equals("test", StringComparison.OrdinalIgnoreCase))))
            return StageOperationResult.NotApplicable(text, "The Dockerfile already has a dev or test stage.");
        var builder = FindBuilder(dockerfile);
        if (builder == null)
            return StageOperationResult.NotApplicable(text, "No earlier stage installs the dependencies for the final stage to copy.");

        var final = dockerfile.FinalStage!;
        var finalFrom = dockerfile.Instructions[final.FromIndex];
        var writer = new DockerfileWriter(dockerfile);
        string builderReference = builder.Name ?? "builder";
        int insertAt = BlockStart(dockerfile, finalFrom);

        writer.CopyLinesWithEdit(0, insertAt - 1, builder.Name == null ? dockerfile.Instructions[builder.FromIndex] : null, " AS builder");
        writer.Add("# The tests: `docker build --target dev .` stops here and fails when they fail; a plain build skips this stage.");
        writer.Add($"FROM {builderReference} AS dev");
        writer.Add("");
        // One blank line after FROM: a body that starts with its own separator (no dev requirements) drops it.
        foreach (var line in DevInstallLines(inputs, dockerfile.EscapeChar).SkipWhile(l => l.Length == 0)) writer.Add(line);
        writer.Add("RUN " + ContainerCommand.ShellJoin(PatternAvailability.TestCommand(inputs).Value));
        // The final stage stands as far from the dev stage as the file set it from the stage before.
        for (int blank = 0; blank < Math.Max(1, BlankLinesBefore(dockerfile, insertAt)); blank++) writer.Add("");
        writer.CopyLines(insertAt, dockerfile.Lines.Count - 1);

        var test = ContainerCommand.ShellJoin(PatternAvailability.TestCommand(inputs).Value);
        return new StageOperationResult(true, writer.ToText(),
            $"Added a dev stage on `{builderReference}` that runs `{test}`; run it with `docker build --target dev .`."
            + (builder.Name == null ? " The builder stage was named `builder`." : ""));
    }

    private static int BlankLinesBefore(DockerfileText dockerfile, int line)
    {
        int count = 0;
        while (line - count - 1 >= 0 && string.IsNullOrWhiteSpace(dockerfile.Lines[line - count - 1])) count++;
        return count;
    }

    /// <summary>The dev stage's body up to the test run: the dev dependencies and the source, in the order that keeps each tool's
    /// install valid (uv sync runs after the source so that it keeps the project installed).</summary>
    private static IEnumerable<string> DevInstallLines(ScaffoldInputs inputs, char escape)
    {
        var e = " " + escape;
        switch (inputs.PackageManager.Value)
        {
            case PackageManager.Uv:
                yield return "# The source, then every dependency group, dev included (uv sync also keeps the project installed).";
                yield return "COPY . .";
                yield return "RUN --mount=type=cache,target=/root/.cache/uv" + e;
                yield return "    uv sync --frozen";
                yield break;
            case PackageManager.Poetry:
                yield return "# Every dependency group, dev included.";
                yield return "COPY pyproject.toml poetry.lock ./";
                yield return "RUN --mount=type=cache,target=/root/.cache/pypoetry" + e;
                yield return "    poetry install --no-root";
                break;
            case PackageManager.Pipenv:
                yield return "# The [dev-packages] too.";
                yield return "COPY Pipfile Pipfile.lock ./";
                yield return "RUN --mount=type=cache,target=/root/.cache/pipenv" + e;
                yield return "    --mount=type=cache,target=/root/.cache/pip" + e;
                yield return "    pipenv install --deploy --dev";
                break;
            default:
                if (inputs.DevRequirementsFiles.Count == 0) break;
                yield return "# The dev/test requirements.";
                yield return "RUN --mount=type=cache,target=/root/.cache/pip" + e;
                if (inputs.PrivateIndex?.PipConfFile != null) yield return "    --mount=type=secret,id=pipconf,target=/etc/pip.conf" + e;
                var mounts = inputs.DevRequirementsFiles.Concat(inputs.RequirementsIncludedFiles).Distinct(StringComparer.Ordinal);
                foreach (var file in mounts) yield return $"    --mount=type=bind,source={file},target={file}" + e;
                yield return "    pip install " + string.Join(' ', inputs.DevRequirementsFiles.Select(f => "-r " + f));
                break;
        }
        yield return "";
        yield return "COPY . .";
    }

    // ==================================================================== distroless stage

    /// <summary>
    /// Appends a distroless final stage that takes the builder's installed packages (on PYTHONPATH) and the final stage's code,
    /// settings and command. The previous final stage stays buildable with <c>--target</c>.
    /// </summary>
    public static StageOperationResult AddDistrolessStage(string text, ScaffoldInputs inputs)
    {
        var dockerfile = DockerfileText.Parse(text);
        if (dockerfile.Stages.Count < 2)
            return StageOperationResult.NotApplicable(text, "A distroless stage copies a builder's environment: convert the Dockerfile to a multi-stage build first.");
        var final = dockerfile.FinalStage!;
        if (final.BaseImage.StartsWith("gcr.io/distroless/", StringComparison.Ordinal))
            return StageOperationResult.NotApplicable(text, "The final stage is already distroless.");
        var finalInstructions = final.InstructionIndices.Select(i => dockerfile.Instructions[i]).ToList();

        // The environment the final stage copies from a builder.
        DockerInstruction? environmentCopy = null;
        DockerStage? builder = null;
        string environment = "";
        foreach (var copy in finalInstructions.Where(i => i.Keyword == "COPY" && i.Flag("from") != null))
        {
            var words = copy.SplitFlags().Remainder.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || !words[0].Contains("venv", StringComparison.OrdinalIgnoreCase)) continue;
            builder = dockerfile.StageNamed(copy.Flag("from")!);
            if (builder == null) continue;
            environmentCopy = copy;
            environment = words[0].TrimEnd('/');
            break;
        }
        if (environmentCopy == null || builder == null)
            return StageOperationResult.NotApplicable(text, "The final stage copies no virtual environment from a builder stage.");

        if (finalInstructions.FirstOrDefault(i => i.Keyword == "RUN" && IsAptInstall(CommandOf(i))) is { } apt)
            return StageOperationResult.NotApplicable(text, $"The final stage installs system packages (line {apt.StartLine + 1}); a distroless image has no package manager to install them.");
        if (inputs.NativeNeeds.HasRuntimePackages)
            return StageOperationResult.NotApplicable(text, $"The dependencies need {string.Join(", ", inputs.NativeNeeds.RuntimePackages)} at run time, which a distroless image cannot install.");

        var distroless = MatchDistroless(builder.BaseImage, out var mismatch);
        if (distroless == null) return StageOperationResult.NotApplicable(text, mismatch!);

        var command = DistrolessCommand(finalInstructions, inputs, out var commandProblem);
        if (command == null) return StageOperationResult.NotApplicable(text, commandProblem!);

        var writer = new DockerfileWriter(dockerfile);
        var finalFrom = dockerfile.Instructions[final.FromIndex];
        bool nameFinal = final.Name == null && finalFrom.StartLine == finalFrom.EndLine;
        writer.CopyLinesWithEdit(0, dockerfile.Lines.Count - 1, nameFinal ? finalFrom : null, " AS slim");
        if (dockerfile.Lines.Count > 0 && dockerfile.Lines[^1].Trim().Length > 0) writer.Add("");
        writer.Add("");
        writer.Add($"# A distroless final image: no shell, no package manager. The stage above still builds with --target {(final.Name ?? (nameFinal ? "slim" : final.Reference))}.");
        writer.Add($"FROM {distroless.Image} AS distroless");
        writer.Add("");
        writer.Add("# The installed packages, not the environment: its interpreter links point at the builder's Python.");
        writer.Add($"COPY --from={builder.Reference} {environment}/lib/python{distroless.PythonVersion}/site-packages /opt/site-packages");

        var port = inputs.Port?.Value;
        bool hasWorkdir = false;
        var envNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instruction in finalInstructions.Skip(1))
        {
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    hasWorkdir = true;
                    writer.Add("WORKDIR " + instruction.Arguments);
                    break;
                case "COPY":
                case "ADD":
                    if (instruction.Flag("from") != null) break;
                    // Ownership flags name users of the slim image; distroless has its own nonroot user and the code stays root's.
                    var (flags, rest) = instruction.SplitFlags();
                    var kept = flags.Where(f => !f.StartsWith("--chown", StringComparison.Ordinal) && !f.StartsWith("--chmod", StringComparison.Ordinal));
                    writer.Add(instruction.Keyword + " " + string.Join(' ', kept.Append(rest)).Trim());
                    break;
                case "ENV":
                    var assignments = EnvAssignments(instruction.Arguments).Where(a => a.Name is not ("PATH" or "VIRTUAL_ENV")).ToList();
                    foreach (var a in assignments) envNames.Add(a.Name);
                    if (assignments.Count > 0) writer.Add("ENV " + string.Join(' ', assignments.Select(a => $"{a.Name}={Quote(a.Value)}")));
                    break;
                case "EXPOSE":
                    writer.Add("EXPOSE " + instruction.Arguments);
                    if (port == null && int.TryParse(instruction.Arguments.Split('/', ' ')[0], out var exposed)) port = exposed;
                    break;
                case "STOPSIGNAL":
                case "LABEL":
                    writer.Add(instruction.Keyword + " " + instruction.Arguments);
                    break;
            }
        }
        if (!hasWorkdir) writer.Add("WORKDIR /app");
        var pythonPath = "/opt/site-packages" + (inputs.Layout.Kind == SourceLayoutKind.Src ? ":/app/src" : "");
        var environmentVariables = new List<string> { $"PYTHONPATH=\"{pythonPath}\"" };
        if (!envNames.Contains("PYTHONDONTWRITEBYTECODE")) environmentVariables.Add("PYTHONDONTWRITEBYTECODE=1");
        if (!envNames.Contains("PYTHONUNBUFFERED")) environmentVariables.Add("PYTHONUNBUFFERED=1");
        writer.Add("ENV " + string.Join(" " + dockerfile.EscapeChar + dockerfile.LineEnding + "    ", environmentVariables));
        writer.Add("");
        writer.Add("USER nonroot:nonroot");
        if (port is { } p && finalInstructions.Any(i => i.Keyword == "HEALTHCHECK" || i.Keyword == "EXPOSE"))
        {
            writer.Add("HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 " + dockerfile.EscapeChar);
            writer.Add("    CMD " + ContainerCommand.ExecForm(ContainerCommand.HealthCheck(p, inputs.HealthCheckPath)));
        }
        writer.Add("ENTRYPOINT [\"python\"]");
        writer.Add("CMD " + ContainerCommand.ExecForm(command));
        return new StageOperationResult(true, writer.ToTextEndingWithLineBreak(),
            $"Added a distroless final stage on {distroless.Image}; it runs `python {string.Join(' ', command)}` as nonroot.");
    }

    /// <summary>The distroless image whose Python and Debian release the builder's image has, or why there is none.</summary>
    private static DistrolessImage? MatchDistroless(string builderImage, out string? problem)
    {
        problem = null;
        var match = PythonImage.Match(builderImage);
        if (!match.Success)
        {
            problem = $"The builder's image {builderImage} is not a python:X.Y image, so its Python cannot be matched with a distroless one.";
            return null;
        }
        var version = match.Groups["version"].Value;
        var variant = match.Groups["variant"].Value;
        var image = ScaffoldImages.DistrolessImages.FirstOrDefault(d => d.PythonVersion == version);
        var offered = string.Join(" or ", ScaffoldImages.DistrolessImages.Select(d => d.PythonVersion));
        if (image == null)
        {
            problem = $"Distroless images ship Python {offered}; the builder uses {version}. Switch the builder to one of those if the project allows it.";
            return null;
        }
        if (variant.Contains("alpine", StringComparison.Ordinal))
        {
            problem = "The builder is Alpine (musl); distroless is Debian (glibc), so its compiled packages would not load.";
            return null;
        }
        // A tag without a Debian release follows Debian's current stable; the distroless image is fixed to one release.
        var suite = variant.Contains("bookworm", StringComparison.Ordinal) ? "bookworm"
            : variant.Contains("trixie", StringComparison.Ordinal) ? "trixie"
            : variant.Contains("bullseye", StringComparison.Ordinal) ? "bullseye"
            : ScaffoldImages.DebianSuiteFor(version);
        if (suite != image.DebianSuite)
        {
            problem = $"{image.Image} is Debian {image.DebianSuite}, the builder's {builderImage} is Debian {suite}: use {image.BuilderImage} in the builder.";
            return null;
        }
        return image;
    }

    /// <summary>The final stage's command for an image whose only executable is python: ENTRYPOINT ["python"] + these arguments.</summary>
    private static IReadOnlyList<string>? DistrolessCommand(List<DockerInstruction> finalInstructions, ScaffoldInputs inputs, out string? problem)
    {
        problem = null;
        var words = new List<string>();
        var entrypoint = finalInstructions.LastOrDefault(i => i.Keyword == "ENTRYPOINT");
        var cmd = finalInstructions.LastOrDefault(i => i.Keyword == "CMD");
        foreach (var instruction in new[] { entrypoint, cmd })
        {
            if (instruction == null) continue;
            var exec = instruction.ExecForm();
            if (exec != null) { words.AddRange(exec); continue; }
            // Shell form: usable only when it is plain words (no variables, operators or quotes for a shell to handle).
            if (ShellMetacharacters.IsMatch(instruction.Arguments))
            {
                problem = $"The {instruction.Keyword} needs a shell (line {instruction.StartLine + 1}), and a distroless image has none.";
                return null;
            }
            words.AddRange(instruction.Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        if (words.Count == 0)
        {
            if (inputs.EntryPoint?.Value is { } entryPoint
                && ContainerCommand.ArgumentsForPython(inputs, entryPoint, inputs.Port?.Value ?? FrameworkDefaults.PortFor(inputs.Framework.Value).Value) is { } fromInputs)
                return fromInputs;
            problem = "The final stage has no CMD or ENTRYPOINT to carry over.";
            return null;
        }
        var program = words[0];
        var executable = program.Contains('/') ? program.Substring(program.LastIndexOf('/') + 1) : program;
        if (PythonExecutable.IsMatch(program)) return words.Skip(1).ToList();
        if (ModuleRunnableScripts.Contains(executable))
        {
            var arguments = new List<string> { "-m", executable };
            arguments.AddRange(words.Skip(1));
            return arguments;
        }
        if (inputs.EntryPoint?.Value is { Kind: EntryPointKind.ConsoleScript } script && script.Target == executable
            && ContainerCommand.ArgumentsForPython(inputs, script, 0) is { } call)
            return call.Concat(words.Skip(1)).ToList();
        problem = $"`{program}` is a program or console script that a distroless image cannot start without its wrapper; run it as `python -m <module>` first.";
        return null;
    }

    // ==================================================================== shared helpers

    /// <summary>The stage whose installed environment the final stage copies, else one named builder/build.</summary>
    private static DockerStage? FindBuilder(DockerfileText dockerfile)
    {
        var final = dockerfile.FinalStage!;
        foreach (var index in final.InstructionIndices)
        {
            var instruction = dockerfile.Instructions[index];
            if (instruction.Keyword != "COPY" || instruction.Flag("from") is not { } from) continue;
            var stage = dockerfile.StageNamed(from);
            if (stage != null && stage != final && StageInstalls(dockerfile, stage)) return stage;
        }
        // The final stage may be built FROM the builder-side chain (base → builder → production), or copy nothing by name.
        return dockerfile.Stages.Take(dockerfile.Stages.Count - 1)
            .FirstOrDefault(s => s.Name is { } n && (n.Equals("builder", StringComparison.OrdinalIgnoreCase) || n.Equals("build", StringComparison.OrdinalIgnoreCase)));
    }

    private static bool StageInstalls(DockerfileText dockerfile, DockerStage stage) =>
        stage.InstructionIndices.Any(i => dockerfile.Instructions[i].Keyword == "RUN" && IsDependencyInstall(CommandOf(dockerfile.Instructions[i])));

    /// <summary>The first line of the block an instruction starts: the comments and blank lines after the previous instruction.</summary>
    private static int BlockStart(DockerfileText dockerfile, DockerInstruction instruction)
    {
        int previousEnd = instruction.Index == 0 ? dockerfile.DirectiveLineCount - 1 : dockerfile.Instructions[instruction.Index - 1].EndLine;
        int start = previousEnd + 1;
        // Keep blank lines that directly follow the previous instruction with it.
        while (start < instruction.CommentStartLine && dockerfile.Lines[start].Trim().Length == 0) start++;
        return start;
    }

    /// <summary>What a RUN executes: its arguments after the flags, and its heredoc bodies.</summary>
    internal static string CommandOf(DockerInstruction instruction) =>
        instruction.Heredocs.Length == 0 ? instruction.SplitFlags().Remainder : instruction.SplitFlags().Remainder + "\n" + instruction.Heredocs;

    internal static bool IsDependencyInstall(string command) =>
        (PipInstall.IsMatch(command) && !IsToolInstall(command))
        || ProjectToolInstall.IsMatch(command);

    /// <summary>Installing a package tool itself (pip install poetry==2.x), not the project's dependencies.</summary>
    private static bool IsToolInstall(string command)
    {
        var match = PipInstallArguments.Match(command);
        if (!match.Success) return false;
        var packages = match.Groups["args"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(a => !a.StartsWith('-')).ToList();
        return packages.Count > 0 && packages.All(p => PackageToolName.IsMatch(p));
    }

    private static bool IsAptInstall(string command) => AptInstall.IsMatch(command);

    private static bool CopiesOnlyManifests(DockerInstruction instruction)
    {
        var words = instruction.SplitFlags().Remainder.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words[0].StartsWith('[')) return false;
        foreach (var source in words.Take(words.Length - 1))
        {
            var name = source.Contains('/') ? source.Substring(source.TrimEnd('/').LastIndexOf('/') + 1) : source;
            name = name.TrimEnd('*');
            bool manifest = ManifestNames.Contains(name)
                || name.StartsWith("requirements", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("constraints", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("README", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase);
            if (!manifest) return false;
        }
        return true;
    }

    private static bool IsToolConfiguration(string envArguments)
    {
        var assignments = EnvAssignments(envArguments);
        return assignments.Count > 0 && assignments.All(a =>
            a.Name.StartsWith("PIP_", StringComparison.Ordinal) || a.Name.StartsWith("UV_", StringComparison.Ordinal)
            || a.Name.StartsWith("POETRY_", StringComparison.Ordinal) || a.Name.StartsWith("PIPENV_", StringComparison.Ordinal));
    }

    /// <summary>ENV's assignments, in the <c>A=1 B="two words"</c> form and the legacy <c>A value</c> form.</summary>
    internal static List<(string Name, string Value)> EnvAssignments(string arguments)
    {
        var result = new List<(string, string)>();
        var text = arguments.Trim();
        int firstSpace = DockerfileText.IndexOfWhitespace(text);
        int firstEquals = text.IndexOf('=');
        if (firstEquals < 0 || (firstSpace >= 0 && firstSpace < firstEquals))
        {
            if (firstSpace > 0) result.Add((text.Substring(0, firstSpace), text.Substring(firstSpace).Trim()));
            return result;
        }
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            int nameStart = i;
            while (i < text.Length && text[i] != '=' && !char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length || text[i] != '=') break;
            var name = text.Substring(nameStart, i - nameStart);
            i++;
            var value = new StringBuilder();
            char quote = '\0';
            while (i < text.Length && (quote != '\0' || !char.IsWhiteSpace(text[i])))
            {
                char c = text[i];
                if (quote == '\0' && (c == '"' || c == '\'')) quote = c;
                else if (c == quote) quote = '\0';
                else if (c == '\\' && i + 1 < text.Length && quote != '\'') { i++; value.Append(text[i]); }
                else value.Append(c);
                i++;
            }
            result.Add((name, value.ToString()));
        }
        return result;
    }

    private static bool PathHasEnvironment(List<DockerInstruction> instructions, string environment) =>
        instructions.Any(i => i.Keyword == "ENV" && EnvAssignments(i.Arguments).Any(a => a.Name == "PATH" && a.Value.Contains(environment + "/bin", StringComparison.Ordinal)));

    private static bool Truthy(Dictionary<string, string> env, string name) =>
        env.TryGetValue(name, out var value) && value.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    private static bool IsFalse(string value) => value.Trim().ToLowerInvariant() is "0" or "false" or "no" or "off";

    private static string ResolvePath(string workdir, string path)
    {
        if (path.StartsWith('/')) return IO.PathUtil.Normalize(path);
        return IO.PathUtil.Normalize(workdir.TrimEnd('/') + "/" + path);
    }

    private static string FromLine(IReadOnlyList<string> flags, string image, string? name)
    {
        var builder = new StringBuilder("FROM ");
        foreach (var flag in flags) builder.Append(flag).Append(' ');
        builder.Append(image);
        if (name != null) builder.Append(" AS ").Append(name);
        return builder.ToString();
    }

    private static IEnumerable<string> AptInstallLines(IReadOnlyList<string> packages, char escape, string comment)
    {
        yield return "# " + comment;
        yield return "RUN apt-get update " + escape;
        yield return " && apt-get install -y --no-install-recommends " + string.Join(' ', packages) + " " + escape;
        yield return " && rm -rf /var/lib/apt/lists/*";
    }

    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || "-_./:@%+,".IndexOf(c) >= 0) ? value : "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>Builds the new text from the original's lines and new ones, in the original's line ending.</summary>
    private sealed class DockerfileWriter
    {
        private readonly DockerfileText _source;
        private readonly List<string> _lines = new();

        public DockerfileWriter(DockerfileText source) => _source = source;

        public void Add(string line) => _lines.Add(line);

        public void CopyLines(int first, int last)
        {
            for (int i = Math.Max(first, 0); i <= last && i < _source.Lines.Count; i++) _lines.Add(_source.Lines[i]);
        }

        /// <summary>Copies lines, appending <paramref name="suffix"/> to the (single-line) instruction <paramref name="edit"/>.</summary>
        public void CopyLinesWithEdit(int first, int last, DockerInstruction? edit, string suffix)
        {
            for (int i = Math.Max(first, 0); i <= last && i < _source.Lines.Count; i++)
                _lines.Add(edit != null && i == edit.EndLine ? _source.Lines[i].TrimEnd() + suffix : _source.Lines[i]);
        }

        /// <summary>An instruction with its comments and the blank lines before them.</summary>
        public void CopyInstruction(DockerInstruction instruction)
        {
            int start = instruction.CommentStartLine;
            int previousEnd = instruction.Index == 0 ? -1 : _source.Instructions[instruction.Index - 1].EndLine;
            if (start - 1 > previousEnd && _source.Lines[start - 1].Trim().Length == 0 && _lines.Count > 0 && _lines[^1].Trim().Length > 0) _lines.Add("");
            CopyLines(start, instruction.EndLine);
        }

        /// <summary>Comments and blank lines after the last instruction.</summary>
        public void CopyTrailingLines(int first) => CopyLines(first, _source.Lines.Count - 1);

        public string ToText()
        {
            var text = string.Join(_source.LineEnding, _lines);
            return _source.EndsWithLineBreak ? text + _source.LineEnding : text;
        }

        public string ToTextEndingWithLineBreak() => string.Join(_source.LineEnding, _lines) + _source.LineEnding;
    }
}
