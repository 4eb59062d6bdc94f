using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Security;

/// <summary>PD404 tls-verification-disabled: downloads that do not check the server's certificate.</summary>
public sealed class TlsVerificationDisabledRule : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "PD404", "tls-verification-disabled", RuleCategory.Security, Severity.Warning,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports settings that turn off certificate checks for downloads: pip's `--trusted-host` and `PIP_TRUSTED_HOST`, "
                + "uv's `--allow-insecure-host` and `UV_INSECURE_HOST`, `PYTHONHTTPSVERIFY=0`, `curl -k`/`--insecure`, "
                + "`wget --no-check-certificate`, git's `http.sslVerify=false` and `GIT_SSL_NO_VERIFY`, "
                + "`NODE_TLS_REJECT_UNAUTHORIZED=0`, Poetry's `certificates.<source>.cert false`, conda's `ssl_verify false` "
                + "and apt's `Acquire::https::Verify-Peer=false`.",
            WhyItMatters =
                "Without the certificate check anyone on the network path — a proxy, a compromised Wi-Fi, a DNS hijack — can "
                + "hand the build their own packages, and they run with the build's rights and end up in the image. A "
                + "builder stage is no safer: what it downloads is compiled and copied into the final stage. When a corporate "
                + "proxy re-signs TLS traffic, trust its CA instead (`PIP_CERT`, `SSL_CERT_FILE`, `REQUESTS_CA_BUNDLE`, "
                + "`update-ca-certificates`) — verification stays on.",
            Example = "RUN pip install --trusted-host pypi.example.com --index-url http://pypi.example.com/simple -r requirements.txt",
            UseInstead = "COPY corp-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates\nRUN PIP_CERT=/etc/ssl/certs/ca-certificates.crt \\\n    pip install --index-url https://pypi.example.com/simple -r requirements.txt",
            FixHint = "Keep verification on; make the build trust your CA certificate instead.",
            DifferencesFromAnchors =
                "Checked in every stage and in ONBUILD triggers. `REQUESTS_CA_BUNDLE=\"\"` / `CURL_CA_BUNDLE=\"\"` are not "
                + "reported: current releases of requests fall back to their default bundle for an empty value, so "
                + "verification stays on.",
        });

    /// <summary>Environment variables that switch verification off, with the test their value must pass (null: any value).</summary>
    private static readonly (string Name, Func<string, bool>? Disables)[] DisablingVariables =
    {
        ("PIP_TRUSTED_HOST", v => v.Length > 0),
        ("UV_INSECURE_HOST", v => v.Length > 0),
        ("PYTHONHTTPSVERIFY", v => v == "0"),
        ("GIT_SSL_NO_VERIFY", null),
        ("NODE_TLS_REJECT_UNAUTHORIZED", v => v == "0"),
        ("CONDA_SSL_VERIFY", IsFalse),
    };

    public void Check(RuleContext context)
    {
        var syntax = context.Syntax;
        foreach (var instruction in syntax.AllInstructions())
        {
            switch (instruction)
            {
                case EnvInstruction env:
                    foreach (var pair in env.Pairs)
                        CheckVariable(context, "ENV", pair.Key, pair.KeySpan, pair.GetValue(null, syntax.EscapeChar) ?? pair.Value);
                    break;
                case ArgInstruction arg:
                    foreach (var declaration in arg.Declarations)
                        if (declaration.HasDefault)
                            CheckVariable(context, "ARG", declaration.Name, declaration.NameSpan, declaration.GetDefaultValue(null, syntax.EscapeChar) ?? "");
                    break;
                case RunInstruction run:
                    foreach (var command in run.ShellCommands) CheckCommand(context, command);
                    break;
            }
        }
    }

    private static void CheckVariable(RuleContext context, string keyword, string name, TextSpan nameSpan, string value)
    {
        if (Disables(name, value)) context.Report(nameSpan, $"{keyword} {name}={Shorten(value)} turns off certificate checks, so a machine in the middle can serve the build its own packages");
    }

    private static bool Disables(string name, string value)
    {
        foreach (var (variable, test) in DisablingVariables)
            if (string.Equals(name, variable, StringComparison.Ordinal)) return test is null || test(value.Trim());
        // POETRY_CERTIFICATES_<SOURCE>_CERT=false
        return name.StartsWith("POETRY_CERTIFICATES_", StringComparison.Ordinal) && name.EndsWith("_CERT", StringComparison.Ordinal) && IsFalse(value.Trim());
    }

    private static string Shorten(string value) => value.Length <= 30 ? value : value.Substring(0, 27) + "...";

    private static bool IsFalse(string value) =>
        value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0" || value.Equals("no", StringComparison.OrdinalIgnoreCase);

    private static void CheckCommand(RuleContext context, ShellCommand command)
    {
        foreach (var assignment in command.Assignments) CheckAssignmentWord(context, assignment);
        var program = command.Program;
        if (program is null) return;
        foreach (var wrapper in program.Wrappers) CheckAssignmentWord(context, wrapper);
        if (program.Name == "export")
            foreach (var argument in program.Arguments) CheckAssignmentWord(context, argument);

        var tool = ToolOf(program);
        if (tool == Tool.Other) return;
        var arguments = program.Arguments;
        for (int i = 0; i < arguments.Count; i++)
        {
            var word = arguments[i];
            string value = word.Value;
            if (value == "--") break;
            if (Finding(tool, arguments, i) is not { } message) continue;
            // --trusted-host=pypi.example.com: the option's name is the problem, not the host.
            int equals = value.IndexOf('=');
            var span = value.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? Credentials.SpanInWord(word, 0, equals) : word.Span;
            context.Report(span, message);
        }
    }

    /// <summary>The programs whose arguments can turn verification off.</summary>
    private enum Tool { Other, Pip, Uv, Curl, Wget, Git, Poetry, Conda, Apt }

    private static Tool ToolOf(ShellProgram program) => program.Family switch
    {
        "pip" or "pipenv" => Tool.Pip,
        "uv" => Tool.Uv,
        "curl" => Tool.Curl,
        "wget" => Tool.Wget,
        "git" => Tool.Git,
        "poetry" => Tool.Poetry,
        "conda" or "mamba" or "micromamba" => Tool.Conda,
        "apt-get" or "apt" or "aptitude" => Tool.Apt,
        _ => Tool.Other,
    };

    /// <summary>The message when argument <paramref name="i"/> turns verification off, else null.</summary>
    private static string? Finding(Tool tool, IReadOnlyList<ShellWord> arguments, int i)
    {
        string value = arguments[i].Value;
        switch (tool)
        {
            case Tool.Pip when IsOption(value, "--trusted-host"):
                return "`--trusted-host` lets pip download from this host without checking its certificate, so a machine in the middle can serve its own packages";
            case Tool.Pip when i >= 2 && arguments[0].Value == "config" && IsPipConfigKey(value, "trusted-host"):
                return "pip's `trusted-host` setting turns off certificate checks for that host, so a machine in the middle can serve its own packages";
            case Tool.Uv when IsOption(value, "--allow-insecure-host") || IsOption(value, "--trusted-host"):
                return $"`{OptionName(value)}` lets uv download from this host without checking its certificate, so a machine in the middle can serve its own packages";
            case Tool.Curl when value is "--insecure" or "--proxy-insecure" || IsShortGroupWith(value, 'k'):
                return "`curl` without certificate checks downloads whatever a machine in the middle sends";
            case Tool.Wget when value == "--no-check-certificate":
                return "`wget --no-check-certificate` downloads whatever a machine in the middle sends";
            case Tool.Git when IsGitSslVerifyOff(arguments, i):
                return "git's `http.sslVerify=false` turns off certificate checks, so a machine in the middle can serve its own code";
            case Tool.Poetry when value.StartsWith("certificates.", StringComparison.Ordinal) && value.EndsWith(".cert", StringComparison.Ordinal)
                && i + 1 < arguments.Count && IsFalse(arguments[i + 1].Value):
                return "Poetry's `cert false` turns off certificate checks for that source, so a machine in the middle can serve its own packages";
            case Tool.Conda when value == "ssl_verify" && i > 0 && arguments[i - 1].Value == "--set" && i + 1 < arguments.Count && IsFalse(arguments[i + 1].Value):
                return "conda's `ssl_verify false` turns off certificate checks, so a machine in the middle can serve its own packages";
            case Tool.Apt when IsAptVerifyOff(value):
                return "apt's `Verify-Peer=false` turns off certificate checks for HTTPS repositories";
            default:
                return null;
        }
    }

    private static void CheckAssignmentWord(RuleContext context, ShellWord word)
    {
        string value = word.Value;
        int equals = value.IndexOf('=');
        if (equals <= 0) return;
        string name = value.Substring(0, equals);
        if (!Disables(name, value.Substring(equals + 1))) return;
        context.Report(Credentials.SpanInWord(word, 0, equals), $"{name}={Shorten(value.Substring(equals + 1))} turns off certificate checks, so a machine in the middle can serve the build its own packages");
    }

    private static bool IsOption(string value, string option) =>
        value == option || (value.StartsWith(option, StringComparison.Ordinal) && value.Length > option.Length && value[option.Length] == '=');

    private static string OptionName(string value)
    {
        int equals = value.IndexOf('=');
        return equals < 0 ? value : value.Substring(0, equals);
    }

    private static bool IsShortGroupWith(string value, char letter)
    {
        if (value.Length < 2 || value[0] != '-' || value[1] == '-') return false;
        for (int i = 1; i < value.Length; i++)
            if (!char.IsAsciiLetter(value[i])) return false;
        return value.IndexOf(letter, 1) > 0;
    }

    /// <summary><c>global.trusted-host</c>, <c>install.trusted-host</c> …</summary>
    private static bool IsPipConfigKey(string value, string key) =>
        value.EndsWith("." + key, StringComparison.Ordinal) && value.IndexOf('.') == value.Length - key.Length - 1;

    /// <summary><c>git -c http.sslVerify=false</c> or <c>git config [--global] http.sslVerify false</c> (any case,
    /// also per URL: <c>http.https://host/.sslVerify</c>).</summary>
    private static bool IsGitSslVerifyOff(IReadOnlyList<ShellWord> arguments, int i)
    {
        string value = arguments[i].Value;
        if (!value.StartsWith("http.", StringComparison.OrdinalIgnoreCase)) return false;
        int equals = value.IndexOf('=');
        string key = equals < 0 ? value : value.Substring(0, equals);
        if (!key.EndsWith(".sslVerify", StringComparison.OrdinalIgnoreCase)) return false;
        if (equals >= 0) return i > 0 && arguments[i - 1].Value == "-c" && IsFalse(value.Substring(equals + 1));
        return i + 1 < arguments.Count && IsFalse(arguments[i + 1].Value) && ConfigSubcommandBefore(arguments, i);
    }

    private static bool ConfigSubcommandBefore(IReadOnlyList<ShellWord> arguments, int i)
    {
        for (int j = 0; j < i; j++)
            if (arguments[j].Value == "config") return true;
        return false;
    }

    private static bool IsAptVerifyOff(string value)
    {
        int equals = value.IndexOf('=');
        if (equals < 0 || !IsFalse(value.Substring(equals + 1).Trim('"', '\''))) return false;
        string key = value.Substring(0, equals);
        return key.StartsWith("Acquire::https", StringComparison.OrdinalIgnoreCase)
            && (key.EndsWith("::Verify-Peer", StringComparison.OrdinalIgnoreCase) || key.EndsWith("::Verify-Host", StringComparison.OrdinalIgnoreCase));
    }
}
