using PyDockerLsp.Core.Syntax.Shell;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Analysis.Rules.Security;

/// <summary>
/// Recognises credentials by name (<c>GITHUB_TOKEN</c>, <c>DB_PASSWORD</c>, <c>openai_api_key</c>) and inside URLs
/// (<c>https://user:secret@host/simple</c>), for PD402 and PD403.
/// </summary>
internal static class Credentials
{
    /// <summary>Name parts that alone say "this is a credential".</summary>
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "PASSWORD", "PASSWD", "PASSPHRASE", "PASS", "PWD", "SECRET", "SECRETS", "TOKEN", "APIKEY", "CREDENTIAL",
        "CREDENTIALS", "CREDS", "PRIVATEKEY", "ACCESSKEY", "SECRETKEY", "AUTHTOKEN",
    };

    /// <summary>Words that, followed by KEY, name a secret key (API_KEY, PRIVATE_KEY, ACCESS_KEY …). KEY alone does
    /// not: GPG_KEY in the official python images is a public key fingerprint.</summary>
    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal)
    {
        "API", "ACCESS", "PRIVATE", "SECRET", "CLIENT", "AUTH", "ENCRYPTION", "MASTER", "SIGNING", "SSH", "DEPLOY",
        "LICENSE", "SERVICE", "APP", "APPLICATION", "ACCOUNT", "SESSION",
    };

    /// <summary>A last name part that says the variable holds something about the credential, not the credential:
    /// SECRET_KEY_FILE is a path, TOKEN_URL an endpoint, PASSWORD_LENGTH a number.</summary>
    private static readonly HashSet<string> DescriptiveSuffixes = new(StringComparer.Ordinal)
    {
        "FILE", "PATH", "DIR", "DIRECTORY", "URL", "URI", "ENDPOINT", "HOST", "HOSTNAME", "PORT", "NAME", "TYPE",
        "ID", "LENGTH", "LEN", "TTL", "TIMEOUT", "EXPIRY", "EXPIRES", "EXPIRATION", "LIFETIME", "ENABLED", "ENABLE",
        "DISABLED", "DISABLE", "REQUIRED", "HEADER", "ALGORITHM", "ALG", "LOCATION", "MOUNT", "VERSION", "FORMAT",
        "PROVIDER", "BACKEND", "FIELD", "PARAM", "PREFIX", "SUFFIX", "MODE", "COUNT", "SIZE", "LIMIT", "MIN", "MAX",
        "ROTATION", "ISSUER", "AUDIENCE", "SCOPE", "SCOPES", "HASH", "CMD", "COMMAND", "HELPER",
    };

    /// <summary>Name parts that make the whole name harmless: PUBLIC_KEY, MAX_TOKENS-style counters.</summary>
    private static readonly HashSet<string> HarmlessWords = new(StringComparer.Ordinal) { "PUBLIC", "MAX", "MIN", "NUM", "LIMIT" };

    /// <summary>The variables that hold a package index URL, where even a bare token (<c>https://TOKEN@host</c>) is a credential.</summary>
    public static readonly string[] IndexUrlVariables =
    {
        "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "UV_INDEX_URL", "UV_EXTRA_INDEX_URL", "UV_INDEX", "UV_DEFAULT_INDEX",
        "PIPENV_PYPI_MIRROR", "PIP_FIND_LINKS", "UV_FIND_LINKS",
    };

    /// <summary>Command-line options whose value is a package index URL.</summary>
    public static readonly string[] IndexUrlOptions =
    {
        "--index-url", "-i", "--extra-index-url", "--index", "--default-index", "--find-links", "-f",
    };

    /// <summary>True when the variable name says it holds a credential.</summary>
    public static bool IsCredentialName(string name)
    {
        if (name == "PWD" || name.Length == 0) return false;
        var parts = NameParts(name);
        if (parts.Count == 0) return false;
        foreach (var part in parts)
            if (HarmlessWords.Contains(part)) return false;
        string last = parts[^1];
        bool accessKeyId = parts.Count >= 3 && last == "ID" && parts[^2] == "KEY" && parts[^3] == "ACCESS";
        if (DescriptiveSuffixes.Contains(last) && !accessKeyId) return false;
        for (int i = 0; i < parts.Count; i++)
        {
            if (SecretWords.Contains(parts[i])) return true;
            if (parts[i] == "KEY" && i > 0 && KeyQualifiers.Contains(parts[i - 1])) return true;
            if (parts[i] == "AUTH" && i == parts.Count - 1) return true;
        }
        return false;
    }

    /// <summary>A name split at <c>_</c>, <c>-</c>, <c>.</c> and lower-to-upper case changes, upper-cased:
    /// <c>openaiApiKey</c> → OPENAI, API, KEY.</summary>
    internal static List<string> NameParts(string name)
    {
        var parts = new List<string>();
        int start = 0;
        for (int i = 0; i <= name.Length; i++)
        {
            bool boundary = i == name.Length || name[i] is '_' or '-' or '.';
            bool caseChange = !boundary && i > start && char.IsLower(name[i - 1]) && char.IsUpper(name[i]);
            if (!boundary && !caseChange) continue;
            if (i > start) parts.Add(name.Substring(start, i - start).ToUpperInvariant());
            start = boundary ? i + 1 : i;
        }
        return parts;
    }

    /// <summary>
    /// Where <paramref name="text"/> holds URL credentials: the <c>user:password</c> part of
    /// <c>scheme://user:password@host</c> (with a non-empty password), or with <paramref name="tokenAlone"/> also a
    /// lone <c>token@</c>. Returns the offset and length of that part within the text, or null.
    /// </summary>
    public static (int Start, int Length)? UrlCredentials(string text, bool tokenAlone, bool allowVariables = true)
    {
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        while (scheme >= 0)
        {
            int start = scheme + 3;
            int end = start;
            while (end < text.Length && text[end] is not ('/' or '@' or ' ' or '"' or '\'' or '?' or '#')) end++;
            if (end < text.Length && text[end] == '@' && end > start)
            {
                string userInfo = text.Substring(start, end - start);
                int colon = userInfo.IndexOf(':');
                bool hasPassword = colon >= 0 && colon < userInfo.Length - 1;
                if ((hasPassword || (tokenAlone && colon < 0)) && (allowVariables || !IsOnlyVariables(hasPassword ? userInfo.Substring(colon + 1) : userInfo)))
                    return (start, end - start);
            }
            scheme = text.IndexOf("://", end, StringComparison.Ordinal);
        }
        return null;
    }

    /// <summary>True when a password part is made of variable references only (<c>$TOKEN</c>, <c>${PASS}</c>):
    /// in a RUN it may come from a secret mount's <c>env=</c>.</summary>
    private static bool IsOnlyVariables(string text)
    {
        int i = 0;
        bool any = false;
        while (i < text.Length)
        {
            if (text[i] != '$') return false;
            i++;
            if (i < text.Length && text[i] == '{')
            {
                int close = text.IndexOf('}', i);
                if (close < 0) return false;
                i = close + 1;
            }
            else
            {
                int start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                if (i == start) return false;
            }
            any = true;
        }
        return any;
    }

    /// <summary>The span of part [start, start+length) of a word's value in the document: exact when the word is
    /// written without quotes or escapes, otherwise the whole word.</summary>
    public static TextSpan SpanInWord(ShellWord word, int start, int length) =>
        word.Text == word.Value && word.Span.Length == word.Text.Length
            ? new TextSpan(word.Span.Start + start, length)
            : word.Span;

    /// <summary>The span of part [start, start+length) of a value written at <paramref name="valueSpan"/> as
    /// <paramref name="written"/> (quotes included): exact when the part can be found in the written text.</summary>
    public static TextSpan SpanInValue(string written, TextSpan valueSpan, string value, int start, int length)
    {
        if (valueSpan.Length != written.Length) return valueSpan;
        int at = written.IndexOf(value.Substring(start, length), StringComparison.Ordinal);
        return at < 0 ? valueSpan : new TextSpan(valueSpan.Start + at, length);
    }
}
