using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Security;

/// <summary>PD402 secret-in-build-args: credentials in ARG, ENV, a RUN command line or a heredoc file.</summary>
public sealed class SecretInBuildArgsRule : IRule
{
    private const string UseSecretMount = "pass it with RUN --mount=type=secret instead";

    public RuleDescriptor Descriptor { get; } = new(
        "PD402", "secret-in-build-args", RuleCategory.Security, Severity.Error,
        new RuleDocumentation
        {
            WhatItDoes =
                "Reports an ARG or ENV whose name says it holds a credential (`*_TOKEN`, `*_PASSWORD`, `*_SECRET`, `API_KEY`, "
                + "`PRIVATE_KEY` …), a package index URL with `user:password@` in an ARG, ENV or heredoc file, and a password "
                + "written into a RUN command line (`pip install --index-url https://user:pass@…`, `poetry config http-basic.…`).",
            WhyItMatters =
                "ENV values are stored in the image configuration: anyone who can pull the image reads them with "
                + "`docker inspect`. Build arguments used by a RUN are written into the image history next to the command, "
                + "and BuildKit records them in the build's provenance; command lines are in `docker history`. A private "
                + "index token copied into an image this way outlives every rotation policy. BuildKit secret mounts give the "
                + "step the secret as a file or an environment variable for that one RUN, and nothing of it reaches a layer.",
            Example = "ARG PIP_INDEX_URL=https://deploy:s3cr3t@pypi.example.com/simple\nRUN pip install -r requirements.txt",
            UseInstead = "RUN --mount=type=secret,id=pip_index_url,env=PIP_INDEX_URL \\\n    pip install -r requirements.txt\n# docker build --secret id=pip_index_url,env=PIP_INDEX_URL .",
            FixHint = "Pass the credential with `RUN --mount=type=secret` (as a file or `env=`) instead.",
            DifferencesFromAnchors =
                "Names are split into words (`_`, `-`, `.` and camelCase), so `TOKENIZERS_PARALLELISM` or `MAX_TOKENS` are not "
                + "credentials. A name whose last word says it describes the credential rather than holds it is not reported "
                + "(`SECRET_KEY_FILE`, `TOKEN_URL`, `PASSWORD_LENGTH`, `CLIENT_ID`; but `AWS_ACCESS_KEY_ID` is), nor a value "
                + "that is a path (`GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json`), nor names with PUBLIC. `KEY` alone "
                + "is not a credential (BuildKit's check reports the official images' `GPG_KEY`, a public fingerprint). "
                + "Unlike hadolint, user names (`*_USERNAME`, `DOCKER_USER`) are not reported. In a RUN only literal "
                + "passwords are reported: `https://user:$TOKEN@…` may read a secret mount's `env=`.",
        })
    {
        HadolintIds = new[] { "DL3064" },
        BuildKitChecks = new[] { "SecretsUsedInArgOrEnv" },
    };

    public void Check(RuleContext context)
    {
        var syntax = context.Syntax;
        foreach (var instruction in syntax.AllInstructions())
        {
            switch (instruction)
            {
                case ArgInstruction arg:
                    foreach (var declaration in arg.Declarations)
                        CheckVariable(context, "ARG", declaration.Name, declaration.NameSpan,
                            declaration.DefaultValue, declaration.DefaultSpan, declaration.GetDefaultValue(null, syntax.EscapeChar));
                    break;
                case EnvInstruction env:
                    foreach (var pair in env.Pairs)
                        CheckVariable(context, "ENV", pair.Key, pair.KeySpan, pair.Value, pair.ValueSpan, pair.GetValue(null, syntax.EscapeChar));
                    break;
                case RunInstruction run:
                    foreach (var command in run.ShellCommands) CheckCommand(context, command);
                    break;
                case FileTransferInstruction copy:
                    foreach (var source in copy.HeredocSources)
                        if (source.Heredoc is { } heredoc && Credentials.UrlCredentials(heredoc.Content, tokenAlone: false) is { } found)
                            context.Report(new TextSpan(heredoc.BodySpan.Start + found.Start, found.Length),
                                $"This file written by {copy.KeywordUpper} holds a URL with a password, which stays readable in the image layer; {UseSecretMount}");
                    break;
            }
        }
    }

    private static void CheckVariable(RuleContext context, string keyword, string name, TextSpan nameSpan, string? written, TextSpan valueSpan, string? value)
    {
        if (value is not null && LooksLikePath(value)) return;
        if (Credentials.IsCredentialName(name))
        {
            context.Report(nameSpan, keyword == "ENV"
                ? $"ENV {name} looks like a credential: ENV values are stored in the image configuration, where anyone with the image can read them; {UseSecretMount}"
                : $"ARG {name} looks like a credential: build arguments are recorded in the image history and the build's provenance; {UseSecretMount}");
            return;
        }
        if (value is null || written is null) return;
        bool indexUrl = Array.IndexOf(Credentials.IndexUrlVariables, name.ToUpperInvariant()) >= 0;
        if (Credentials.UrlCredentials(value, tokenAlone: indexUrl) is not { } found) return;
        context.Report(Credentials.SpanInValue(written, valueSpan, value, found.Start, found.Length),
            $"The URL in {keyword} {name} carries credentials, which stay readable in the image's {(keyword == "ENV" ? "configuration" : "history")}; {UseSecretMount}");
    }

    private static bool LooksLikePath(string value) =>
        value.StartsWith('/') || value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith("~/", StringComparison.Ordinal);

    private static void CheckCommand(RuleContext context, ShellCommand command)
    {
        foreach (var word in command.Assignments) CheckWord(context, word);
        foreach (var word in command.Words) CheckWord(context, word);
        var program = command.Program;
        if (program is null) return;
        if (program.Family is "pip" or "uv" or "pipenv" or "pdm")
        {
            foreach (var option in program.GetOptionValues(Credentials.IndexUrlOptions))
            {
                if (option.ValueWord.HasExpansion) continue;
                if (Credentials.UrlCredentials(option.Value, tokenAlone: true, allowVariables: false) is { } token
                    && Credentials.UrlCredentials(option.Value, tokenAlone: false, allowVariables: false) is null)
                    context.Report(Credentials.SpanInWord(option.ValueWord, option.ValueWord.Value.IndexOf(option.Value, StringComparison.Ordinal) + token.Start, token.Length),
                        $"This index URL carries a token, and the command line is saved in the image history; {UseSecretMount}");
            }
        }
        if (program.Name == "poetry" && PoetryCredentialWord(program) is { } secret)
            context.Report(secret.Span, $"`poetry config` with a literal credential saves it in the image history and in Poetry's configuration; {UseSecretMount}");
    }

    private static void CheckWord(RuleContext context, ShellWord word)
    {
        if (Credentials.UrlCredentials(word.Value, tokenAlone: false, allowVariables: false) is not { } found) return;
        context.Report(Credentials.SpanInWord(word, found.Start, found.Length),
            $"This URL carries a password in the command line, which is saved in the image history; {UseSecretMount}");
    }

    /// <summary><c>poetry config http-basic.NAME USER PASSWORD</c> → PASSWORD; <c>poetry config pypi-token.NAME TOKEN</c> → TOKEN;
    /// null when the credential is a variable (it may come from a secret mount).</summary>
    private static ShellWord? PoetryCredentialWord(ShellProgram program)
    {
        var arguments = program.Arguments;
        int key = -1;
        for (int i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Value.StartsWith('-')) continue;
            if (i == 0 && arguments[i].Value != "config") return null;
            if (i > 0) { key = i; break; }
        }
        if (key < 0) return null;
        string name = arguments[key].Value;
        int secretIndex = name.StartsWith("http-basic.", StringComparison.Ordinal) ? key + 2
            : name.StartsWith("pypi-token.", StringComparison.Ordinal) ? key + 1 : -1;
        if (secretIndex < 0 || secretIndex >= arguments.Count) return null;
        var secret = arguments[secretIndex];
        return secret.HasExpansion || secret.Value.StartsWith('-') ? null : secret;
    }
}
