namespace PyDockerLsp.Core.Syntax.Shell;

/// <summary>Where <see cref="WordExpander"/> reads variables from: build arguments, ARG defaults, ENV values.
/// A variable can be set to the empty string, which is different from not being set at all.</summary>
public interface IVariableLookup
{
    bool TryGetValue(string name, out string value);
}

/// <summary>No variable is set (what BuildKit uses when it only wants to split words).</summary>
public sealed class EmptyVariableLookup : IVariableLookup
{
    public static readonly EmptyVariableLookup Instance = new();
    private EmptyVariableLookup() { }

    public bool TryGetValue(string name, out string value)
    {
        value = "";
        return false;
    }
}

/// <summary>Variables held in a dictionary; names compare ordinally (Linux semantics) unless the dictionary says
/// otherwise (Windows builds compare names case-insensitively).</summary>
public sealed class DictionaryVariableLookup : IVariableLookup
{
    private readonly IReadOnlyDictionary<string, string> _values;

    public DictionaryVariableLookup(IReadOnlyDictionary<string, string> values) => _values = values;

    /// <summary>Builds the lookup from <c>NAME=value</c> strings; a later entry for the same name wins and an entry
    /// without <c>=</c> sets the name to the empty string (as BuildKit's <c>BuildEnvs</c> does).
    /// <paramref name="ignoreCase"/> gives Windows semantics.</summary>
    public static DictionaryVariableLookup FromAssignments(IEnumerable<string> assignments, bool ignoreCase = false)
    {
        var values = new Dictionary<string, string>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            int equals = assignment.IndexOf('=');
            if (equals < 0) values[assignment] = "";
            else values[assignment.Substring(0, equals)] = assignment.Substring(equals + 1);
        }
        return new DictionaryVariableLookup(values);
    }

    public bool TryGetValue(string name, out string value)
    {
        if (_values.TryGetValue(name, out var found))
        {
            value = found;
            return true;
        }
        value = "";
        return false;
    }
}
