namespace PyDockerLsp.Core.Analysis.Rules;

/// <summary>Anything that describes a rule. Every rule class implements it (through <c>IRule</c>).</summary>
public interface IRuleMetadata
{
    RuleDescriptor Descriptor { get; }
}

/// <summary>
/// Every rule of the product (from <see cref="RuleCatalog"/>, ordered by id). Ids must be unique; tests enforce it,
/// that every rule class is in the catalogue, and that every rule is documented.
/// </summary>
public static class RuleRegistry
{
    private static readonly Lazy<IReadOnlyList<IRuleMetadata>> AllLazy = new(Discover);

    public static IReadOnlyList<IRuleMetadata> All => AllLazy.Value;

    /// <summary>The descriptors of <see cref="All"/>, in the same order (one list, read on every analysis).</summary>
    public static IReadOnlyList<RuleDescriptor> Descriptors => DescriptorsLazy.Value;
    private static readonly Lazy<IReadOnlyList<RuleDescriptor>> DescriptorsLazy = new(() => All.Select(r => r.Descriptor).ToArray());

    public static RuleDescriptor? Find(string idOrName) =>
        ByIdOrName.Value.TryGetValue(idOrName, out var d) ? d : null;

    // Looked up once per finding on every keystroke: a dictionary, not a scan.
    private static readonly Lazy<Dictionary<string, RuleDescriptor>> ByIdOrName = new(() =>
    {
        var map = new Dictionary<string, RuleDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in All.Select(r => r.Descriptor)) { map[d.Id] = d; map[d.Name] = d; }
        return map;
    });

    /// <summary>The rules that correspond to a hadolint id or BuildKit check name (for honouring their ignore comments).</summary>
    public static IEnumerable<RuleDescriptor> ForAnchor(string anchorId) =>
        All.Select(r => r.Descriptor).Where(d =>
            d.HadolintIds.Contains(anchorId, StringComparer.OrdinalIgnoreCase) ||
            d.BuildKitChecks.Contains(anchorId, StringComparer.OrdinalIgnoreCase));

    private static IReadOnlyList<IRuleMetadata> Discover() =>
        RuleCatalog.Create().OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal).ToList();
}
