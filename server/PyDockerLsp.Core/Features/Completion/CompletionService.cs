using System.Globalization;
using PyDockerLsp.Core.Features.Knowledge;
using PyDockerLsp.Core.Syntax.Dockerfile;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Features.Completion;

/// <summary>
/// Completion in a Dockerfile, from <see cref="CompletionCatalog"/> (so completion and hover never disagree):
/// instruction keywords at the start of an instruction; the flags of the instruction after its keyword (with
/// ready-made cache mounts after RUN); mount types, option keys, cache targets and option values inside
/// <c>--mount=</c>; python image tags after <c>FROM python:</c>; stage names after <c>FROM</c> and
/// <c>COPY --from=</c>; documented variable names after <c>ENV</c>. Proposals are filtered by the word being typed.
/// The context is read from the text before the cursor (the instruction may be incomplete); the syntax tree is only
/// consulted to skip heredoc bodies and comments and to know the stages.
/// </summary>
public static class CompletionService
{
    private static readonly string[] NoValueMountKeys = { "readonly", "ro", "readwrite", "rw", "required" };

    /// <param name="syntax">The parse of exactly <paramref name="text"/>, when the caller has it; parsed here otherwise.</param>
    public static IReadOnlyList<CompletionEntry> GetCompletions(SourceText text, int offset, CompletionSettings? settings = null, DockerfileSyntax? syntax = null)
    {
        settings ??= CompletionSettings.Default;
        if (offset < 0 || offset > text.Length) return Array.Empty<CompletionEntry>();
        syntax ??= DockerfileParser.Parse(text);
        if (InsideHeredocBody(syntax, offset)) return Array.Empty<CompletionEntry>();

        var context = LineContext.Read(text.Text, offset, syntax.EscapeChar);
        if (context is null) return Array.Empty<CompletionEntry>();
        var request = new Request(text, offset, context.WordStart, context.LineStart, settings, syntax);

        var words = context.Words;
        if (words.Count == 0) return Keywords(request, onbuildTrigger: false);
        var keyword = words[0].ToUpperInvariant();
        int first = 1;
        if (keyword == "ONBUILD")
        {
            if (words.Count == 1) return Keywords(request, onbuildTrigger: true);
            keyword = words[1].ToUpperInvariant();
            first = 2;
        }
        var arguments = words.Skip(first).ToList();
        return keyword switch
        {
            "RUN" or "COPY" or "ADD" or "HEALTHCHECK" or "FROM" when InFlags(arguments) && IsFlagPosition(keyword, context.Word)
                => Flags(request, keyword, context.Word),
            "FROM" => FromArguments(request, arguments.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList(), context.Word),
            "ENV" => EnvNames(request, arguments, context.Word),
            "HEALTHCHECK" when arguments.All(w => w.StartsWith("--", StringComparison.Ordinal)) => HealthcheckTypes(request, context.Word),
            _ => Array.Empty<CompletionEntry>(),
        };
    }

    /// <summary>Flags come right after the keyword; the first other word ends them.</summary>
    private static bool InFlags(List<string> arguments) => arguments.TrueForAll(w => w.StartsWith("--", StringComparison.Ordinal));

    /// <summary>A word that starts with a dash is a flag; right after RUN, COPY or ADD (nothing typed yet) flags are
    /// what can be proposed, while after FROM and HEALTHCHECK the image or the check type comes first.</summary>
    private static bool IsFlagPosition(string keyword, string word) =>
        word.Length > 0 ? word[0] == '-' : keyword is "RUN" or "COPY" or "ADD";

    private static bool InsideHeredocBody(DockerfileSyntax syntax, int offset)
    {
        var instruction = syntax.FindInstructionAt(offset);
        if (instruction is null) return false;
        foreach (var heredoc in instruction.Heredocs)
            if (heredoc.BodySpan.Touches(offset) || heredoc.TerminatorSpan.Touches(offset)) return true;
        return false;
    }

    // ------------------------------------------------------------------ keywords

    private static IReadOnlyList<CompletionEntry> Keywords(Request request, bool onbuildTrigger)
    {
        var result = new List<CompletionEntry>();
        var word = request.Word;
        int index = 0;
        foreach (var item in CompletionCatalog.Instructions)
        {
            index++;
            if (onbuildTrigger && item.Label is "ONBUILD" or "FROM" or "MAINTAINER") continue;
            if (!item.Label.StartsWith(word, StringComparison.OrdinalIgnoreCase)) continue;
            var entry = request.Entry(item.Label, CompletionEntryKind.Keyword, item.Snippet, isSnippet: true, index) with
            {
                Detail = item.Detail,
                Documentation = InstructionDocs.Find(item.Label)?.ToMarkdown(),
            };
            result.Add(entry);
        }
        return result;
    }

    // ------------------------------------------------------------------ flags

    private static IReadOnlyList<CompletionEntry> Flags(Request request, string keyword, string word)
    {
        int equals = word.IndexOf('=');
        if (equals >= 0)
        {
            var name = word.Substring(0, equals);
            var value = word.Substring(equals + 1);
            var valueRequest = request.At(request.WordStart + equals + 1);
            if (keyword == "RUN" && name == "--mount") return MountValue(valueRequest, value);
            if (keyword == "COPY" && name == "--from") return Stages(valueRequest, value, includeEnclosing: false);
            var values = new List<CompletionEntry>();
            int i = 0;
            foreach (var candidate in CompletionCatalog.FlagValues(keyword, name))
            {
                i++;
                if (candidate.StartsWith(value, StringComparison.OrdinalIgnoreCase))
                    values.Add(valueRequest.Entry(candidate, CompletionEntryKind.Value, candidate, isSnippet: false, i));
            }
            return values;
        }

        var result = new List<CompletionEntry>();
        int index = 0;
        foreach (var flag in FlagDocs.ForInstruction(keyword))
        {
            index++;
            if (!flag.Name.StartsWith(word, StringComparison.Ordinal)) continue;
            bool takesValue = flag.Syntax.Contains("=<", StringComparison.Ordinal) && !flag.Syntax.Contains("[=", StringComparison.Ordinal);
            var insert = takesValue ? flag.Name + "=" : flag.Name;
            result.Add(request.Entry(flag.Name, CompletionEntryKind.Flag, insert, isSnippet: false, index) with
            {
                Detail = flag.Summary,
                Documentation = flag.ToMarkdown(),
                Retrigger = takesValue,
            });
        }
        if (keyword == "RUN")
        {
            foreach (var snippet in CompletionCatalog.MountSnippets)
            {
                index++;
                var plain = Snippets.ToPlainText(snippet.Snippet);
                if (!plain.StartsWith(word, StringComparison.Ordinal)) continue;
                result.Add(request.Entry(snippet.Label, CompletionEntryKind.Snippet, snippet.Snippet, isSnippet: true, index) with
                {
                    Detail = plain,
                    Documentation = snippet.Detail,
                    FilterText = plain,
                });
            }
        }
        return result;
    }

    /// <summary>Inside <c>--mount=</c>: the option being typed is the text after the last comma.</summary>
    private static IReadOnlyList<CompletionEntry> MountValue(Request request, string value)
    {
        int lastComma = value.LastIndexOf(',');
        var field = value.Substring(lastComma + 1);
        var fieldRequest = request.At(request.WordStart + lastComma + 1);
        string? type = null;
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (lastComma > 0)
        {
            foreach (var done in value.Substring(0, lastComma).Split(','))
            {
                int eq = done.IndexOf('=');
                var key = (eq < 0 ? done : done.Substring(0, eq)).Trim().ToLowerInvariant();
                used.Add(key);
                if (key == "type" && eq >= 0) type = done.Substring(eq + 1).Trim().ToLowerInvariant();
            }
        }

        int fieldEquals = field.IndexOf('=');
        if (fieldEquals >= 0)
        {
            var key = field.Substring(0, fieldEquals).ToLowerInvariant();
            var typed = field.Substring(fieldEquals + 1);
            var valueRequest = fieldRequest.At(fieldRequest.WordStart + fieldEquals + 1);
            var result = new List<CompletionEntry>();
            int index = 0;
            IEnumerable<(string Value, string? Doc)> candidates = key switch
            {
                "type" => FlagDocs.MountTypes.Select(t => (t.Type, (string?)t.ToMarkdown())),
                "target" or "dst" or "destination" when (type ?? "bind") == "cache" =>
                    PackageCaches.All.SelectMany(c => c.RootTargets.Select(t => (t, (string?)("The cache of " + c.Manager.ToString().ToLowerInvariant() + ".")))),
                _ => CompletionCatalog.MountOptionValues(type ?? "bind", key).Select(v => (v, (string?)null)),
            };
            foreach (var (candidate, doc) in candidates)
            {
                index++;
                if (!candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase)) continue;
                result.Add(valueRequest.Entry(candidate, CompletionEntryKind.Value, candidate, isSnippet: false, index) with { Documentation = doc });
            }
            return result;
        }

        var options = new List<CompletionEntry>();
        int order = 0;
        if (type is null && !used.Contains("type") && "type".StartsWith(field, StringComparison.OrdinalIgnoreCase))
            options.Add(fieldRequest.Entry("type", CompletionEntryKind.Option, "type=", isSnippet: false, ++order) with
            {
                Detail = "cache, bind, secret, ssh or tmpfs",
                Documentation = FlagDocs.Find("RUN", "--mount")?.ToMarkdown(),
                Retrigger = true,
            });
        var mountType = type ?? "bind";
        foreach (var key in CompletionCatalog.MountOptionKeys(mountType))
        {
            order++;
            if (used.Contains(key) || !key.StartsWith(field, StringComparison.OrdinalIgnoreCase)) continue;
            var doc = FlagDocs.FindMountOption(mountType, key);
            bool bare = Array.IndexOf(NoValueMountKeys, key) >= 0;
            options.Add(fieldRequest.Entry(key, CompletionEntryKind.Option, bare ? key : key + "=", isSnippet: false, order) with
            {
                Detail = doc?.Summary,
                Documentation = doc?.ToMarkdown(),
                Retrigger = !bare && (key == "target" && mountType == "cache" || CompletionCatalog.MountOptionValues(mountType, key).Count > 0),
            });
        }
        return options;
    }

    // ------------------------------------------------------------------ FROM

    private static IReadOnlyList<CompletionEntry> FromArguments(Request request, List<string> arguments, string word)
    {
        if (word.StartsWith("-", StringComparison.Ordinal)) return Array.Empty<CompletionEntry>();
        if (arguments.Count == 1)
        {
            return "AS".StartsWith(word, StringComparison.OrdinalIgnoreCase)
                ? new[] { request.Entry("AS", CompletionEntryKind.Keyword, "AS ", isSnippet: false, 1) with { Detail = "Name this stage" } }
                : Array.Empty<CompletionEntry>();
        }
        if (arguments.Count > 1) return Array.Empty<CompletionEntry>();

        int colon = word.LastIndexOf(':');
        if (colon >= 0)
        {
            var repository = word.Substring(0, colon);
            if (!IsPythonRepository(repository)) return Array.Empty<CompletionEntry>();
            var tagRequest = request.At(request.WordStart + colon + 1);
            var typed = word.Substring(colon + 1);
            var result = new List<CompletionEntry>();
            int index = 0;
            foreach (var tag in CompletionCatalog.PythonImageTags)
            {
                index++;
                if (!tag.StartsWith(typed, StringComparison.OrdinalIgnoreCase)) continue;
                var info = BaseImageDocs.Analyze(null, "python", tag, null);
                result.Add(tagRequest.Entry(tag, CompletionEntryKind.ImageTag, tag, isSnippet: false, index) with
                {
                    Detail = VariantDetail(info),
                    Documentation = BaseImageDocs.Hover(info),
                });
            }
            return result;
        }

        var entries = new List<CompletionEntry>(Stages(request, word, includeEnclosing: true));
        if ("python".StartsWith(word, StringComparison.OrdinalIgnoreCase))
            entries.Add(request.Entry("python", CompletionEntryKind.Value, "python:", isSnippet: false, entries.Count + 1) with
            {
                Detail = "The official Python images",
                Retrigger = true,
            });
        return entries;
    }

    private static bool IsPythonRepository(string repository) =>
        repository is "python" or "library/python" or "docker.io/library/python" or "docker.io/python" or "index.docker.io/library/python";

    private static string VariantDetail(BaseImageInfo info) => info.Variant switch
    {
        ImageVariant.Slim => "Debian slim",
        ImageVariant.Alpine => "Alpine (musl)",
        ImageVariant.Full => "Debian, full",
        _ => info.Variant.ToString(),
    };

    /// <summary>The stages that start before the instruction being typed (their names, or indexes when unnamed). A
    /// COPY cannot use the stage it is in (<paramref name="includeEnclosing"/> false): that is the last of them.</summary>
    private static IReadOnlyList<CompletionEntry> Stages(Request request, string typed, bool includeEnclosing)
    {
        var result = new List<CompletionEntry>();
        int count = 0;
        foreach (var stage in request.Syntax.Stages)
        {
            if (stage.From.Span.Start >= request.LineStart) break;
            count++;
        }
        if (!includeEnclosing && count > 0) count--;
        for (int i = 0; i < count; i++)
        {
            var stage = request.Syntax.Stages[i];
            var name = stage.Name ?? stage.Index.ToString(CultureInfo.InvariantCulture);
            if (!name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)) continue;
            result.Add(request.Entry(name, CompletionEntryKind.Stage, name, isSnippet: false, stage.Index + 1) with
            {
                Detail = "stage " + stage.Index.ToString(CultureInfo.InvariantCulture) + (stage.From.Image is { } image ? " · " + image.Text : ""),
            });
        }
        return result;
    }

    // ------------------------------------------------------------------ ENV, HEALTHCHECK

    private static IReadOnlyList<CompletionEntry> EnvNames(Request request, List<string> arguments, string word)
    {
        // Names only where a name goes: the legacy "ENV NAME value" form and values get nothing.
        if (word.Contains('=') || !arguments.TrueForAll(w => w.Contains('='))) return Array.Empty<CompletionEntry>();
        var result = new List<CompletionEntry>();
        int index = 0;
        foreach (var doc in EnvVarDocs.All)
        {
            index++;
            if (!doc.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase)) continue;
            result.Add(request.Entry(doc.Name, CompletionEntryKind.Variable, doc.Name + "=", isSnippet: false, index) with
            {
                Detail = doc.Summary,
                Documentation = doc.ToMarkdown(),
            });
        }
        return result;
    }

    private static IReadOnlyList<CompletionEntry> HealthcheckTypes(Request request, string word)
    {
        var result = new List<CompletionEntry>();
        if ("CMD".StartsWith(word, StringComparison.OrdinalIgnoreCase))
            result.Add(request.Entry("CMD", CompletionEntryKind.Keyword, "CMD ", isSnippet: false, 1) with { Detail = "The command that checks the container" });
        if ("NONE".StartsWith(word, StringComparison.OrdinalIgnoreCase))
            result.Add(request.Entry("NONE", CompletionEntryKind.Keyword, "NONE", isSnippet: false, 2) with { Detail = "Turn off a healthcheck inherited from the base image" });
        return result;
    }

    // ------------------------------------------------------------------ plumbing

    /// <summary>Where proposals go: the word from <see cref="WordStart"/> to the cursor is replaced.</summary>
    private sealed class Request
    {
        public Request(SourceText text, int offset, int wordStart, int lineStart, CompletionSettings settings, DockerfileSyntax syntax)
        {
            Text = text;
            Offset = offset;
            WordStart = wordStart;
            LineStart = lineStart;
            Settings = settings;
            Syntax = syntax;
            Span = TextSpan.FromBounds(wordStart, offset);
            Range = text.GetRange(Span);
        }

        public SourceText Text { get; }
        public int Offset { get; }
        public int WordStart { get; }
        /// <summary>Where the instruction being typed starts (its first line).</summary>
        public int LineStart { get; }
        public CompletionSettings Settings { get; }
        public DockerfileSyntax Syntax { get; }
        public TextSpan Span { get; }
        public LineRange Range { get; }
        public string Word => Text.Text.Substring(WordStart, Offset - WordStart);

        public Request At(int wordStart) => new(Text, Offset, Math.Min(wordStart, Offset), LineStart, Settings, Syntax);

        public CompletionEntry Entry(string label, CompletionEntryKind kind, string insert, bool isSnippet, int order)
        {
            bool snippet = isSnippet && Settings.SnippetSupport;
            var text = isSnippet && !snippet ? Snippets.ToPlainText(insert) : insert;
            return new CompletionEntry(label, kind, text, Span, Range)
            {
                IsSnippet = snippet,
                SortText = order.ToString("D4", CultureInfo.InvariantCulture),
            };
        }
    }

    /// <summary>
    /// The instruction around the cursor as words: its physical lines from the start of the instruction (following
    /// line continuations back, past comment lines inside them) up to the cursor, and the word being typed.
    /// </summary>
    private sealed class LineContext
    {
        private LineContext(List<string> words, string word, int wordStart, int lineStart)
        {
            Words = words;
            Word = word;
            WordStart = wordStart;
            LineStart = lineStart;
        }

        /// <summary>The complete words before the one being typed (keyword first).</summary>
        public List<string> Words { get; }
        public string Word { get; }
        public int WordStart { get; }
        /// <summary>Where the instruction's first line starts.</summary>
        public int LineStart { get; }

        /// <summary>Null where nothing can be completed (in a comment).</summary>
        public static LineContext? Read(string text, int offset, char escape)
        {
            int lineStart = StartOfLine(text, offset);
            int wordStart = offset;
            while (wordStart > lineStart && !char.IsWhiteSpace(text[wordStart - 1])) wordStart--;

            // Collect the instruction's lines, last first.
            var segments = new List<string> { text.Substring(lineStart, wordStart - lineStart) };
            int start = lineStart;
            while (start > 0)
            {
                int previousStart = StartOfLine(text, start - 1);
                var previous = text.AsSpan(previousStart, LineContentEnd(text, previousStart) - previousStart);
                var trimmed = previous.TrimStart();
                if (trimmed.Length > 0 && trimmed[0] == '#')
                {
                    // A comment line inside a continuation is skipped; above an instruction it ends the search.
                    if (!ContinuesAbove(text, previousStart, escape)) break;
                    start = previousStart;
                    continue;
                }
                var content = previous.TrimEnd();
                if (content.Length == 0 || content[^1] != escape) break;
                segments.Add(content[..^1].ToString());
                start = previousStart;
            }
            segments.Reverse();
            var joined = string.Join(" ", segments);
            var firstContent = joined.AsSpan().TrimStart();
            if (firstContent.Length > 0 && firstContent[0] == '#') return null;
            if (firstContent.Length == 0 && wordStart < offset && text[wordStart] == '#') return null;

            var words = new List<string>();
            foreach (var piece in joined.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) words.Add(piece);
            return new LineContext(words, text.Substring(wordStart, offset - wordStart), wordStart, start);
        }

        /// <summary>True when the line before the comment at <paramref name="commentStart"/> continues (or is itself
        /// a skipped comment of a continuation).</summary>
        private static bool ContinuesAbove(string text, int commentStart, char escape)
        {
            int start = commentStart;
            while (start > 0)
            {
                int previousStart = StartOfLine(text, start - 1);
                var previous = text.AsSpan(previousStart, LineContentEnd(text, previousStart) - previousStart);
                var trimmed = previous.Trim();
                if (trimmed.Length > 0 && trimmed[0] == '#') { start = previousStart; continue; }
                return trimmed.Length > 0 && trimmed[^1] == escape;
            }
            return false;
        }

        private static int StartOfLine(string text, int offset)
        {
            int i = offset;
            while (i > 0 && text[i - 1] != '\n' && text[i - 1] != '\r') i--;
            return i;
        }

        private static int LineContentEnd(string text, int lineStart)
        {
            int i = lineStart;
            while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
            return i;
        }
    }
}
