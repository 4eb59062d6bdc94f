using System.Collections;
using PyDockerLsp.Core.Python.Toml;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Manifests;

/// <summary>
/// PEP 735 <c>[dependency-groups]</c>: named lists of requirement strings and <c>{include-group = "name"}</c>
/// entries. Includes are resolved when reading; an include of an unknown group or one that leads back to
/// itself is reported at the include and left out.
/// </summary>
public sealed class DependencyGroups : IReadOnlyList<DependencyGroup>
{
    public static readonly DependencyGroups None = new(null, Array.Empty<DependencyGroup>());

    private readonly IReadOnlyList<DependencyGroup> _groups;

    private DependencyGroups(TomlTable? table, IReadOnlyList<DependencyGroup> groups)
    {
        Table = table;
        _groups = groups;
    }

    /// <summary>The <c>[dependency-groups]</c> table, or null when the file has none.</summary>
    public TomlTable? Table { get; }

    public int Count => _groups.Count;
    public DependencyGroup this[int index] => _groups[index];

    /// <summary>The group with this name, compared after PEP 503 normalisation ("Dev_Tools" finds "dev-tools").</summary>
    public DependencyGroup? Find(string name)
    {
        string normalized = ManifestNames.Normalize(name);
        foreach (var group in _groups)
        {
            if (group.NormalizedName == normalized) return group;
        }
        return null;
    }

    public IEnumerator<DependencyGroup> GetEnumerator() => _groups.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static DependencyGroups Read(TomlTable? table, ManifestReader reader)
    {
        if (table == null) return None;
        var groups = new List<DependencyGroup>(table.Count);
        foreach (var entry in table)
        {
            var name = new SpannedName(entry.Key, entry.KeySpan);
            if (entry.Value is not TomlArray array)
            {
                reader.WrongKind(entry.Value, $"dependency-groups.{entry.Key}", "an array");
                continue;
            }
            var group = new DependencyGroup(name, array.Span, ReadEntries(array, entry.Key, reader));
            var clash = groups.Find(g => g.NormalizedName == group.NormalizedName);
            if (clash != null)
            {
                reader.Error(name.Span, $"The dependency groups '{clash.Name.Name}' and '{name.Name}' have the same normalised name '{group.NormalizedName}'.");
                continue;
            }
            groups.Add(group);
        }
        var result = new DependencyGroups(table, groups);
        new IncludeResolver(result, reader).ResolveAll();
        return result;
    }

    private static List<DependencyGroupEntry> ReadEntries(TomlArray array, string groupName, ManifestReader reader)
    {
        var entries = new List<DependencyGroupEntry>(array.Count);
        foreach (var item in array)
        {
            switch (item)
            {
                case TomlString requirement:
                    entries.Add(new DependencyGroupEntry(item.Span, SpannedString.From(requirement), null));
                    break;
                case TomlTable include when include.Count == 1 && include.TryGet("include-group", out TomlString target):
                    entries.Add(new DependencyGroupEntry(item.Span, null, SpannedString.From(target)));
                    break;
                case TomlTable:
                    reader.Error(item.Span, $"An entry of dependency group '{groupName}' that is a table must be exactly {{include-group = \"<group name>\"}}.");
                    break;
                default:
                    reader.WrongKind(item, $"dependency-groups.{groupName}", "requirement strings or {include-group = \"...\"} tables");
                    break;
            }
        }
        return entries;
    }

    /// <summary>Depth-first over the include graph; each group is expanded once, so each problem is reported once.</summary>
    private sealed class IncludeResolver
    {
        private readonly DependencyGroups _groups;
        private readonly ManifestReader _reader;
        private readonly HashSet<DependencyGroup> _done = new();
        private readonly List<DependencyGroup> _path = new();

        public IncludeResolver(DependencyGroups groups, ManifestReader reader)
        {
            _groups = groups;
            _reader = reader;
        }

        public void ResolveAll()
        {
            foreach (var group in _groups) Resolve(group);
        }

        private IReadOnlyList<SpannedString> Resolve(DependencyGroup group)
        {
            if (_done.Contains(group)) return group.Requirements;
            _path.Add(group);
            var requirements = new List<SpannedString>();
            foreach (var entry in group.Entries)
            {
                if (entry.Requirement != null)
                {
                    requirements.Add(entry.Requirement);
                    continue;
                }
                var include = entry.IncludeGroup!;
                var target = _groups.Find(include.Value);
                if (target == null)
                {
                    _reader.Error(include.Span, $"Dependency group '{group.Name.Name}' includes '{include.Value}', which is not defined in [dependency-groups].");
                }
                else if (_path.Contains(target))
                {
                    var cycle = _path.Skip(_path.IndexOf(target)).Select(g => g.Name.Name).Append(target.Name.Name);
                    _reader.Error(include.Span, $"Dependency groups include each other in a cycle: {string.Join(" -> ", cycle)}.");
                }
                else
                {
                    requirements.AddRange(Resolve(target));
                }
            }
            _path.RemoveAt(_path.Count - 1);
            group.Requirements = requirements;
            _done.Add(group);
            return requirements;
        }
    }
}

/// <summary>One PEP 735 dependency group.</summary>
public sealed class DependencyGroup
{
    internal DependencyGroup(SpannedName name, TextSpan span, IReadOnlyList<DependencyGroupEntry> entries)
    {
        Name = name;
        NormalizedName = ManifestNames.Normalize(name.Name);
        Span = span;
        Entries = entries;
    }

    public SpannedName Name { get; }

    /// <summary>The PEP 503 normalised name that includes and tools compare.</summary>
    public string NormalizedName { get; }

    /// <summary>The group's array.</summary>
    public TextSpan Span { get; }

    /// <summary>The entries as written: requirement strings and includes.</summary>
    public IReadOnlyList<DependencyGroupEntry> Entries { get; }

    /// <summary>The group's requirement strings with includes expanded in place (depth first, as PEP 735's
    /// reference implementation does); broken includes contribute nothing.</summary>
    public IReadOnlyList<SpannedString> Requirements { get; internal set; } = Array.Empty<SpannedString>();
}

/// <summary>An entry of a dependency group: either a requirement string or an include of another group.</summary>
public sealed record DependencyGroupEntry(TextSpan Span, SpannedString? Requirement, SpannedString? IncludeGroup);
