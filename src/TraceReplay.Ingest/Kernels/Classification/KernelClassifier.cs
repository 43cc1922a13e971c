using System.Reflection;
using System.Text.RegularExpressions;
using TraceReplay.Core.Operators;

namespace TraceReplay.Ingest.Kernels.Classification;

/// <summary>
/// Kernel name -> op class by a data table of (op_class, regex) rules, first match wins. The built-in table is
/// <c>kernel_classes.csv</c> (embedded); users prepend their own with <c>--classes FILE</c> (same format), so their
/// rules win. Names that match nothing are <see cref="OpClass.Other"/>; <c>inspect</c> lists them.
/// </summary>
public sealed class KernelClassifier
{
    private readonly List<(OpClass Class, Regex Pattern)> _rules;
    private readonly Dictionary<string, OpClass> _cache = new(StringComparer.Ordinal);

    private KernelClassifier(List<(OpClass, Regex)> rules) => _rules = rules;

    public static KernelClassifier Default { get; } = new(Parse(BuiltInTable(), "kernel_classes.csv (built-in)"));

    public IReadOnlyList<(OpClass Class, Regex Pattern)> Rules => _rules;

    /// <summary>The built-in rules with the user's file in front.</summary>
    public static KernelClassifier WithUserTable(string? path) =>
        path is null ? Default : new([.. Parse(File.ReadAllText(path), path), .. Default._rules]);

    public static string BuiltInTable()
    {
        using Stream s = Assembly.GetExecutingAssembly().GetManifestResourceStream("TraceReplay.Ingest.kernel_classes.csv")!;
        using var reader = new StreamReader(s);
        return reader.ReadToEnd();
    }

    public OpClass Classify(string name)
    {
        if (_cache.TryGetValue(name, out OpClass c))
        {
            return c;
        }
        c = OpClass.Other;
        foreach ((OpClass cls, Regex pattern) in _rules)
        {
            if (pattern.IsMatch(name))
            {
                c = cls;
                break;
            }
        }
        _cache[name] = c;
        return c;
    }

    private static List<(OpClass, Regex)> Parse(string table, string path)
    {
        var rules = new List<(OpClass, Regex)>();
        string[] lines = table.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            int comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                throw new FormatException($"{path}:{i + 1}: expected 'op_class,regex', got '{line}'");
            }
            OpClass cls;
            try
            {
                cls = OpClassNames.Parse(line[..comma]);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{path}:{i + 1}: {ex.Message}");
            }
            try
            {
                rules.Add((cls, new Regex(line[(comma + 1)..], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled)));
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"{path}:{i + 1}: bad regex: {ex.Message}");
            }
        }
        return rules;
    }
}
