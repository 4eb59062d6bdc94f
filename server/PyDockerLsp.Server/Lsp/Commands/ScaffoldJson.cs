using Newtonsoft.Json.Linq;
using PyDockerLsp.Core.IO;
using PyDockerLsp.Core.Scaffolding;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Server.Lsp.Commands;

/// <summary>The JSON of the scaffold commands, as client/PROTOCOL.md describes it.</summary>
public static class ScaffoldJson
{
    /// <summary>
    /// The answer of <c>pydocker.scaffold.detect</c>: <c>patterns</c> (those that apply, the recommended one first),
    /// <c>recommendedPattern</c>, <c>fields</c> (each <c>{ value, reason }</c>; the client reviews them and sends them back as
    /// options), and for display only <c>unavailablePatterns</c>, <c>details</c> and <c>notes</c>.
    /// </summary>
    public static JObject Detection(ScaffoldInputs inputs, SourceDetection source, ScaffoldRecommendation recommendation)
    {
        var patterns = new JArray();
        var unavailable = new JArray();
        foreach (var choice in recommendation.Choices)
        {
            var item = new JObject
            {
                ["id"] = choice.Pattern.Name,
                ["title"] = choice.Pattern.Title,
                ["description"] = choice.Pattern.WhenRecommended,
                ["reason"] = choice.Reason,
                ["recommended"] = choice.IsRecommended,
                ["available"] = choice.IsAvailable,
                ["seeds"] = new JArray(choice.Pattern.Seeds),
            };
            (choice.IsAvailable ? patterns : unavailable).Add(item);
        }

        var fields = new JObject
        {
            ["framework"] = Field(ScaffoldFieldText.Framework(inputs.Framework.Value), inputs.Framework.Reason),
            ["entryPoint"] = inputs.EntryPoint is { } entryPoint
                ? Field(ScaffoldFieldText.EntryPoint(entryPoint.Value), entryPoint.Reason)
                : Field(null, recommendation.Notes.FirstOrDefault(n => n.StartsWith("No entry point", StringComparison.Ordinal)) ?? "no entry point found"),
            ["port"] = inputs.Port is { } port
                ? new JObject { ["value"] = port.Value, ["reason"] = port.Reason }
                : Field(null, "not a web app: the image exposes no port"),
            ["python"] = Field(inputs.PythonVersion.Value, inputs.PythonVersion.Reason),
            ["packageManager"] = Field(ScaffoldFieldText.PackageManager(inputs.PackageManager.Value), inputs.PackageManager.Reason),
        };

        var details = new JObject
        {
            ["projectName"] = inputs.ProjectName,
            ["allowedPythonVersions"] = new JArray(inputs.AllowedPythonVersions),
            ["runtimeRequirementsFiles"] = new JArray(inputs.RuntimeRequirementsFiles),
            ["devRequirementsFiles"] = new JArray(inputs.DevRequirementsFiles),
            ["requirementsIncludedFiles"] = new JArray(inputs.RequirementsIncludedFiles),
            ["lockFiles"] = new JArray(inputs.LockFiles),
            ["hasDevDependencies"] = inputs.HasDevDependencies,
            ["installable"] = inputs.IsInstallable,
            ["readme"] = inputs.ReadmeFile,
            ["licenseFiles"] = new JArray(inputs.LicenseFiles),
            ["layout"] = new JObject { ["kind"] = inputs.Layout.Kind.ToString(), ["paths"] = new JArray(inputs.Layout.Paths), ["reason"] = inputs.Layout.Reason },
            ["nativeNeeds"] = new JObject
            {
                ["buildPackages"] = new JArray(inputs.NativeNeeds.BuildPackages),
                ["runtimePackages"] = new JArray(inputs.NativeNeeds.RuntimePackages),
                ["reason"] = inputs.NativeNeeds.Reason,
            },
            ["privateIndex"] = inputs.PrivateIndex is { } index
                ? new JObject { ["pipConf"] = index.PipConfFile, ["declaredIn"] = index.DeclaredIn, ["reason"] = index.Reason }
                : JValue.CreateNull(),
            ["serverIsDependency"] = inputs.ServerIsDependency is { } isDependency ? new JValue(isDependency) : JValue.CreateNull(),
            ["appCandidates"] = new JArray(source.AppCandidates.Select(a => new JObject
            {
                ["framework"] = ScaffoldFieldText.Framework(a.Framework),
                ["entryPoint"] = ScaffoldFieldText.EntryPoint(a.EntryPoint),
                ["file"] = a.File,
                ["line"] = a.Line,
                ["reason"] = a.Reason,
            })),
        };

        return new JObject
        {
            ["recommendedPattern"] = recommendation.Recommended.Pattern.Name,
            ["patterns"] = patterns,
            ["unavailablePatterns"] = unavailable,
            ["fields"] = fields,
            ["details"] = details,
            ["notes"] = new JArray(recommendation.Notes.Concat(source.Notes)),
        };
    }

    private static JObject Field(string? value, string reason) =>
        new() { ["value"] = value is null ? JValue.CreateNull() : new JValue(value), ["reason"] = reason };

    /// <summary>The review's values from <c>options</c>: <c>framework</c>, <c>entryPoint</c> (or <c>entrypoint</c>), <c>port</c>
    /// (a number, or digits), <c>python</c> (or <c>pythonVersion</c>), <c>packageManager</c>. Other keys are ignored.</summary>
    public static ScaffoldOverrides Overrides(JObject? options)
    {
        if (options is null) return new ScaffoldOverrides();
        string? Text(params string[] keys)
        {
            foreach (var key in keys)
                if (options[key] is JValue { Type: JTokenType.String or JTokenType.Integer or JTokenType.Float } value) return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return null;
        }
        int? port = null;
        if (Text("port") is { Length: > 0 } portText)
        {
            if (!int.TryParse(portText.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                throw new ArgumentException($"A port is a whole number from 1 to 65535; got \"{portText}\".");
            port = parsed;
        }
        return new ScaffoldOverrides(Text("framework"), Text("entryPoint", "entrypoint"), port, Text("python", "pythonVersion"), Text("packageManager"));
    }

    /// <summary>
    /// A WorkspaceEdit that creates each file and fills it: <c>CreateFile</c> (with <c>overwrite: true</c> only when
    /// <paramref name="overwrite"/>; without it a client fails on an existing file instead of replacing it) and a
    /// <c>TextDocumentEdit</c> inserting the whole text. File URIs extend the folder URI the client sent.
    /// </summary>
    public static JObject CreateFilesEdit(string folderUri, IReadOnlyList<GeneratedFile> files, bool overwrite)
    {
        var changes = new JArray();
        foreach (var file in files)
        {
            var uri = FileUri(folderUri, file.RelativePath);
            var create = new JObject { ["kind"] = "create", ["uri"] = uri };
            if (overwrite) create["options"] = new JObject { ["overwrite"] = true };
            changes.Add(create);
            changes.Add(new JObject
            {
                ["textDocument"] = new JObject { ["uri"] = uri, ["version"] = JValue.CreateNull() },
                ["edits"] = new JArray(new JObject { ["range"] = Range(new LinePosition(0, 0), new LinePosition(0, 0)), ["newText"] = file.Text }),
            });
        }
        return new JObject { ["documentChanges"] = changes };
    }

    public static string FileUri(string folderUri, string relativePath) =>
        folderUri.TrimEnd('/') + "/" + string.Join("/", relativePath.Split('/').Select(Uri.EscapeDataString));

    /// <summary>One text edit that turns <paramref name="before"/> into <paramref name="after"/>: the span between their common
    /// start and common end, so the rest of the document (and the cursor in it) stays put.</summary>
    public static JObject ReplaceEdit(string uri, int? version, string before, string after)
    {
        int prefix = 0;
        int limit = Math.Min(before.Length, after.Length);
        while (prefix < limit && before[prefix] == after[prefix]) prefix++;
        int suffix = 0;
        while (suffix < limit - prefix && before[before.Length - 1 - suffix] == after[after.Length - 1 - suffix]) suffix++;
        // Never split a CRLF or a surrogate pair.
        while (prefix > 0 && (char.IsHighSurrogate(before[prefix - 1]) || before[prefix - 1] == '\r')) prefix--;
        while (suffix > 0 && (char.IsLowSurrogate(before[before.Length - suffix]) || before[before.Length - suffix] == '\n')) suffix--;

        var text = new SourceText(before);
        var start = text.GetPosition(prefix);
        var end = text.GetPosition(before.Length - suffix);
        var newText = after.Substring(prefix, after.Length - suffix - prefix);
        return new JObject
        {
            ["documentChanges"] = new JArray(new JObject
            {
                ["textDocument"] = new JObject { ["uri"] = uri, ["version"] = version is { } v ? new JValue(v) : JValue.CreateNull() },
                ["edits"] = new JArray(new JObject { ["range"] = Range(start, end), ["newText"] = newText }),
            }),
        };
    }

    private static JObject Range(LinePosition start, LinePosition end) => new()
    {
        ["start"] = new JObject { ["line"] = start.Line, ["character"] = start.Character },
        ["end"] = new JObject { ["line"] = end.Line, ["character"] = end.Character },
    };
}
