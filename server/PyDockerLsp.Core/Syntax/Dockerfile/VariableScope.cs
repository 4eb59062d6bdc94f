using PyDockerLsp.Core.Syntax.Shell;

namespace PyDockerLsp.Core.Syntax.Dockerfile;

/// <summary>
/// The build variables visible at a point of the Dockerfile: ARGs in scope (with their build-argument or default
/// values) and ENV values. ENV wins over an ARG of the same name, as in BuildKit. An ARG declared without a value and
/// not passed as a build argument is not set.
/// </summary>
public sealed class VariableScope : IVariableLookup
{
    private readonly Dictionary<string, string> _args;
    private readonly Dictionary<string, string> _env;

    internal VariableScope(Dictionary<string, string> args, Dictionary<string, string> env)
    {
        _args = args;
        _env = env;
    }

    /// <summary>Values of the ARGs in scope that are set.</summary>
    public IReadOnlyDictionary<string, string> Args => _args;

    /// <summary>ENV values (inherited from base stages included).</summary>
    public IReadOnlyDictionary<string, string> Environment => _env;

    public bool TryGetValue(string name, out string value)
    {
        if (_env.TryGetValue(name, out value!)) return true;
        if (_args.TryGetValue(name, out value!)) return true;
        value = "";
        return false;
    }
}
