using System.Text;
using PyDockerLsp.Core.Text;

namespace PyDockerLsp.Core.Python.Packaging;

/// <summary>A part of an environment marker; spans are offsets into the text the marker was parsed from.</summary>
public abstract class MarkerNode
{
    private protected MarkerNode(TextSpan span) => Span = span;

    public TextSpan Span { get; }

    internal abstract void Format(StringBuilder sb, bool first);
}

/// <summary>One side of a comparison: an environment variable (<c>python_version</c>) or a quoted value.</summary>
public sealed record MarkerOperand(bool IsVariable, string Value, TextSpan Span)
{
    /// <summary>Variables as their canonical name, values in double quotes (single quotes when the value holds a double quote).</summary>
    public string Serialize()
    {
        if (IsVariable) return Value;
        return Value.Contains('"') && !Value.Contains('\'') ? "'" + Value + "'" : "\"" + Value + "\"";
    }

    public override string ToString() => Serialize();
}

/// <summary><c>left op right</c>, where op is one of <c>&lt; &lt;= != == &gt;= &gt; ~= === in</c> or <c>not in</c>.</summary>
public sealed class MarkerComparison : MarkerNode
{
    internal MarkerComparison(MarkerOperand left, string op, TextSpan operatorSpan, MarkerOperand right)
        : base(TextSpan.FromBounds(left.Span.Start, right.Span.End))
    {
        Left = left;
        Operator = op;
        OperatorSpan = operatorSpan;
        Right = right;
    }

    public MarkerOperand Left { get; }
    public string Operator { get; }
    public TextSpan OperatorSpan { get; }
    public MarkerOperand Right { get; }

    /// <summary>The variable compared, when exactly one side is a variable.</summary>
    public string? Variable => Left.IsVariable && !Right.IsVariable ? Left.Value : Right.IsVariable && !Left.IsVariable ? Right.Value : null;

    internal override void Format(StringBuilder sb, bool first) =>
        sb.Append(Left.Serialize()).Append(' ').Append(Operator).Append(' ').Append(Right.Serialize());

    public override string ToString() => $"{Left.Serialize()} {Operator} {Right.Serialize()}";
}

/// <summary>
/// A sequence of terms joined by <c>and</c>/<c>or</c> (<c>and</c> binds tighter), as written; a parenthesised
/// group is a nested expression. <see cref="Connectives"/> has one entry fewer than <see cref="Terms"/>.
/// </summary>
public sealed class MarkerExpression : MarkerNode
{
    internal MarkerExpression(IReadOnlyList<MarkerNode> terms, IReadOnlyList<string> connectives, TextSpan span) : base(span)
    {
        Terms = terms;
        Connectives = connectives;
    }

    public IReadOnlyList<MarkerNode> Terms { get; }
    public IReadOnlyList<string> Connectives { get; }

    /// <summary>packaging's normal form: single spaces, double-quoted values, parentheses kept around nested groups
    /// of more than one term (however many were written) and dropped around single terms.</summary>
    internal override void Format(StringBuilder sb, bool first)
    {
        if (Terms.Count == 1)
        {
            Terms[0].Format(sb, first);
            return;
        }
        if (!first) sb.Append('(');
        for (int i = 0; i < Terms.Count; i++)
        {
            if (i > 0) sb.Append(' ').Append(Connectives[i - 1]).Append(' ');
            Terms[i].Format(sb, first: false);
        }
        if (!first) sb.Append(')');
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        Format(sb, first: true);
        return sb.ToString();
    }
}
