using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>Why a marker could not be evaluated.</summary>
public enum MarkerEvaluationErrorKind
{
    /// <summary>The marker names a variable the environment does not define.</summary>
    UndefinedEnvironmentName,
    /// <summary>The comparison has no meaning for these values (<c>~=</c> on non-versions, a set on the left of <c>==</c>).</summary>
    UndefinedComparison,
}

public sealed class MarkerEvaluationException : Exception
{
    public MarkerEvaluationException(MarkerEvaluationErrorKind kind, string message, string? variable = null) : base(message)
    {
        Kind = kind;
        Variable = variable;
    }

    public MarkerEvaluationErrorKind Kind { get; }

    /// <summary>The variable that is missing or misused, when there is one.</summary>
    public string? Variable { get; }
}

/// <summary>
/// A PEP 508 environment marker (<c>python_version &lt; "3.11" and sys_platform == "linux"</c>): parsed with exact
/// error positions, printed in packaging's normal form, and evaluated against a <see cref="MarkerEnvironment"/>
/// with packaging's rules (version comparison for version variables when both sides are versions, string
/// comparison otherwise; extra names compared normalised).
/// </summary>
public sealed class Marker : IEquatable<Marker>
{
    private static readonly HashSet<string> VersionVariables = new(StringComparer.Ordinal)
    {
        "implementation_version", "platform_release", "python_full_version", "python_version",
    };

    private static readonly HashSet<string> SetVariables = new(StringComparer.Ordinal) { "extras", "dependency_groups" };

    private string? _text;

    internal Marker(MarkerExpression expression) => Expression = NormalizeExtras(expression);

    public MarkerExpression Expression { get; }

    public static bool TryParse(string text, [NotNullWhen(true)] out Marker? marker, out Pep508ParseError? error)
    {
        marker = null;
        error = null;
        try
        {
            marker = new Marker(Pep508Parser.ParseMarker(text));
            return true;
        }
        catch (Pep508SyntaxException e)
        {
            error = e.Error;
            return false;
        }
    }

    public static Marker Parse(string text) =>
        TryParse(text, out var marker, out var error) ? marker : throw new FormatException(error!.ToPackagingString());

    /// <summary>Both markers must hold.</summary>
    public Marker And(Marker other) => Combine(other, "and");

    /// <summary>Either marker holds.</summary>
    public Marker Or(Marker other) => Combine(other, "or");

    private Marker Combine(Marker other, string connective) =>
        new(new MarkerExpression(new MarkerNode[] { Expression, other.Expression }, new[] { connective }, Expression.Span));

    /// <summary>Evaluates the marker; throws <see cref="MarkerEvaluationException"/> when a variable is missing or a
    /// comparison is undefined.</summary>
    public bool Evaluate(MarkerEnvironment environment, MarkerContext context = MarkerContext.Metadata)
    {
        var values = new Evaluation(environment, context);
        return EvaluateExpression(Expression, values);
    }

    public bool TryEvaluate(MarkerEnvironment environment, MarkerContext context, out bool result, out MarkerEvaluationException? error)
    {
        try
        {
            result = Evaluate(environment, context);
            error = null;
            return true;
        }
        catch (MarkerEvaluationException e)
        {
            result = false;
            error = e;
            return false;
        }
    }

    /// <summary><c>and</c> binds tighter than <c>or</c>: the terms are split into or-groups of and-ed terms.</summary>
    private static bool EvaluateExpression(MarkerExpression expression, Evaluation values)
    {
        bool anyGroup = false;
        bool currentGroup = true;
        for (int i = 0; i < expression.Terms.Count; i++)
        {
            if (i > 0 && expression.Connectives[i - 1] == "or")
            {
                anyGroup |= currentGroup;
                currentGroup = true;
            }
            // Every term is evaluated, as packaging does, so a missing variable is reported even after a false term.
            bool term = expression.Terms[i] switch
            {
                MarkerExpression nested => EvaluateExpression(nested, values),
                MarkerComparison comparison => EvaluateComparison(comparison, values),
                _ => throw new InvalidOperationException("Unknown marker node."),
            };
            currentGroup &= term;
        }
        return anyGroup | currentGroup;
    }

    private static bool EvaluateComparison(MarkerComparison comparison, Evaluation values)
    {
        var (left, op, right) = (comparison.Left, comparison.Operator, comparison.Right);
        string? key = null;
        string lhs;
        object rhs;
        if (left.IsVariable)
        {
            key = left.Value;
            var value = values.Lookup(key);
            if (value is not string text)
                throw new MarkerEvaluationException(MarkerEvaluationErrorKind.UndefinedComparison,
                    $"'{key}' holds a set of names; test it with the membership form (\"<name>\" in {key}), not with '{op}' on its left.", key);
            lhs = text;
            rhs = right.IsVariable ? values.Lookup(right.Value) : right.Value;
        }
        else
        {
            lhs = left.Value;
            if (right.IsVariable)
            {
                key = right.Value;
                rhs = values.Lookup(key);
            }
            else
            {
                rhs = right.Value;
            }
        }

        if (key != null && SetVariables.Contains(key))
        {
            lhs = PackageName.Normalize(lhs);
            rhs = rhs is IReadOnlySet<string> set ? set.Select(PackageName.Normalize).ToHashSet(StringComparer.Ordinal) : PackageName.Normalize((string)rhs);
        }
        return Compare(lhs, op, rhs, key);
    }

    private static bool Compare(string lhs, string op, object rhs, string? key)
    {
        if (key != null && VersionVariables.Contains(key) && rhs is string rhsText
            && Specifier.TryParse(op + rhsText, out var specifier))
        {
            return specifier.Contains(lhs, prereleases: true);
        }
        switch (op)
        {
            case "in": return rhs is IReadOnlySet<string> inSet ? inSet.Contains(lhs) : ((string)rhs).Contains(lhs, StringComparison.Ordinal);
            case "not in": return rhs is IReadOnlySet<string> notInSet ? !notInSet.Contains(lhs) : !((string)rhs).Contains(lhs, StringComparison.Ordinal);
            // Without versions, only equality is defined: the ordered comparisons keep their "or equal" part.
            case "<":
            case ">": return false;
            case "<=":
            case "==":
            case ">=": return rhs is string eq && string.Equals(lhs, eq, StringComparison.Ordinal);
            case "!=": return !(rhs is string ne && string.Equals(lhs, ne, StringComparison.Ordinal));
            default:
                throw new MarkerEvaluationException(MarkerEvaluationErrorKind.UndefinedComparison,
                    $"'{op}' compares versions, but {PythonChars.Repr(lhs)} and {Describe(rhs)} are not both versions.", key);
        }
    }

    private static string Describe(object value) => value is string s ? PythonChars.Repr(s) : "{" + string.Join(", ", ((IEnumerable<string>)value).Select(PythonChars.Repr)) + "}";

    /// <summary>The environment as one evaluation sees it: context defaults below the caller's values,
    /// <c>extra</c> normalised, and an untagged interpreter's <c>3.11.1+</c> made a valid version.</summary>
    private sealed class Evaluation
    {
        private readonly MarkerEnvironment _environment;
        private readonly MarkerContext _context;

        public Evaluation(MarkerEnvironment environment, MarkerContext context)
        {
            _environment = environment;
            _context = context;
        }

        public object Lookup(string variable)
        {
            if (_environment.TryGetSet(variable, out var set)) return set;
            if (_environment.TryGetValue(variable, out var value)) return Adjust(variable, value);
            if (_context == MarkerContext.LockFile && SetVariables.Contains(variable)) return new HashSet<string>(StringComparer.Ordinal);
            if (_context == MarkerContext.Metadata && variable == "extra") return "";
            throw new MarkerEvaluationException(MarkerEvaluationErrorKind.UndefinedEnvironmentName,
                $"The environment has no value for '{variable}'.", variable);
        }

        private static string Adjust(string variable, string value)
        {
            if (variable == "extra") return value.Length == 0 ? "" : PackageName.Normalize(value);
            if (variable == "python_full_version" && value.EndsWith('+')) return value + "local";
            return value;
        }
    }

    /// <summary>Extra and group names compare normalised (PEP 685), so <c>extra == "Foo_Bar"</c> is kept as
    /// <c>extra == "foo-bar"</c> (likewise for values tested against <c>extras</c> and <c>dependency_groups</c>).</summary>
    private static MarkerExpression NormalizeExtras(MarkerExpression expression)
    {
        bool changed = false;
        var terms = new MarkerNode[expression.Terms.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            var term = expression.Terms[i];
            terms[i] = term switch
            {
                MarkerExpression nested => NormalizeExtras(nested),
                MarkerComparison c => NormalizeExtra(c),
                _ => term,
            };
            changed |= !ReferenceEquals(terms[i], term);
        }
        return changed ? new MarkerExpression(terms, expression.Connectives, expression.Span) : expression;
    }

    private static bool IsNameVariable(string variable) => variable == "extra" || SetVariables.Contains(variable);

    private static MarkerComparison NormalizeExtra(MarkerComparison c)
    {
        if (c.Left.IsVariable && IsNameVariable(c.Left.Value) && !c.Right.IsVariable)
            return new MarkerComparison(c.Left, c.Operator, c.OperatorSpan, c.Right with { Value = PackageName.Normalize(c.Right.Value) });
        if (c.Right.IsVariable && IsNameVariable(c.Right.Value) && !c.Left.IsVariable)
            return new MarkerComparison(c.Left with { Value = PackageName.Normalize(c.Left.Value) }, c.Operator, c.OperatorSpan, c.Right);
        return c;
    }

    /// <summary>The normal form: <c>python_version &gt;= "3.8" and (os_name == "posix" or extra == "test")</c>.</summary>
    public override string ToString()
    {
        if (_text == null)
        {
            var sb = new StringBuilder();
            Expression.Format(sb, first: true);
            _text = sb.ToString();
        }
        return _text;
    }

    public bool Equals(Marker? other) => other is not null && ToString() == other.ToString();
    public override bool Equals(object? obj) => obj is Marker m && Equals(m);
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
