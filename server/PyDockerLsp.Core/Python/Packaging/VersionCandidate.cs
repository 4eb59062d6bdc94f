namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>
/// Something a specifier can be asked about: a version string (possibly not a PEP 440 version, which only
/// <c>===</c> can match) or an already parsed <see cref="Pep440Version"/>. For <c>===</c> the text compared
/// is the string as written, or the normalised form of a parsed version.
/// </summary>
public readonly struct VersionCandidate
{
    private VersionCandidate(string text, Pep440Version? version, bool isParsedVersion)
    {
        Text = text;
        Version = version;
        IsParsedVersion = isParsedVersion;
    }

    /// <summary>The text <c>===</c> compares against.</summary>
    public string Text { get; }

    /// <summary>The PEP 440 version, or null when <see cref="Text"/> is not one.</summary>
    public Pep440Version? Version { get; }

    /// <summary>True when the caller passed a <see cref="Pep440Version"/> rather than a string.</summary>
    public bool IsParsedVersion { get; }

    public static VersionCandidate From(string text) =>
        new(text, Pep440Version.TryParse(text, out var v) ? v : null, false);

    public static VersionCandidate From(Pep440Version version) => new(version.ToString(), version, true);

    public static implicit operator VersionCandidate(string text) => From(text);
    public static implicit operator VersionCandidate(Pep440Version version) => From(version);

    public override string ToString() => Text;
}
