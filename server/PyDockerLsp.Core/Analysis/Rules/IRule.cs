namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>
/// One rule: a sealed class with its <see cref="RuleDescriptor"/> (id, name, documentation) and its detection.
/// <see cref="Check"/> reads <see cref="RuleContext.Model"/> and calls <see cref="RuleContext.Report(PyDockerLsp.Core.Text.TextSpan, string, Fix[])"/>
/// for each problem, with the narrowest span and any fixes. Rules never throw on purpose; if one does, the engine
/// logs it once and the other rules still report.
/// </summary>
public interface IRule : IRuleMetadata
{
    void Check(RuleContext context);
}
