using System.Globalization;
using TraceReplay.Core.Operators;

namespace TraceReplay.Core.Kernels;

/// <summary>
/// The name of a capture-kit measurement range (a Kineto <c>user_annotation</c> / <c>gpu_user_annotation</c>, or an
/// NVTX range under Nsight Compute): <c>tr::&lt;op&gt;::&lt;key&gt;=&lt;value&gt;[,&lt;key&gt;=&lt;value&gt;]*</c>.
/// <c>op</c> and keys match <c>[a-z][a-z0-9_]*</c>, values <c>[A-Za-z0-9_.-]+</c>; <c>op</c> is an
/// <see cref="OpKind"/> in snake_case. Grammar and keys per operator: tools/capture/README.md.
/// </summary>
public sealed record KernelAnnotation(string Op, IReadOnlyList<KeyValuePair<string, string>> Shape)
{
    public const string Prefix = "tr::";

    /// <summary>The operator kind, or null when <see cref="Op"/> names no <see cref="OpKind"/>.</summary>
    public OpKind? Kind => Enum.GetValues<OpKind>().Cast<OpKind?>().FirstOrDefault(k => k!.Value.ToSnakeName() == Op);

    /// <summary>Repetition index (the trailing <c>rep</c> key), or null when absent.</summary>
    public int? Rep => TryGet("rep", out string? v) ? int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture) : null;

    public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        foreach (KeyValuePair<string, string> pair in Shape)
        {
            if (pair.Key == key)
            {
                value = pair.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    /// <summary>An integer shape value; throws naming the annotation and key when absent or not an integer.</summary>
    public long Int(string key) =>
        TryGet(key, out string? v) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new FormatException($"annotation '{this}': key '{key}' is {(v is null ? "missing" : $"'{v}'")}; expected a non-negative integer");

    public static bool IsCandidate(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Parses a name; throws <see cref="FormatException"/> saying which part breaks the grammar.</summary>
    public static KernelAnnotation Parse(string name)
    {
        if (!IsCandidate(name))
        {
            throw new FormatException($"annotation '{name}' does not start with '{Prefix}'");
        }
        int sep = name.IndexOf("::", Prefix.Length, StringComparison.Ordinal);
        if (sep < 0)
        {
            throw new FormatException($"annotation '{name}': expected '::' after the op name");
        }
        string op = name[Prefix.Length..sep];
        Check(IsName(op), name, $"op '{op}' is not [a-z][a-z0-9_]*");
        string body = name[(sep + 2)..];
        Check(body.Length > 0, name, "no key=value pairs");
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (string pair in body.Split(','))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            Check(eq > 0, name, $"'{pair}' is not key=value");
            string key = pair[..eq], value = pair[(eq + 1)..];
            Check(IsName(key), name, $"key '{key}' is not [a-z][a-z0-9_]*");
            Check(value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'), name, $"value '{value}' of '{key}' is not [A-Za-z0-9_.-]+");
            Check(pairs.All(p => p.Key != key), name, $"key '{key}' repeated");
            pairs.Add(new(key, value));
        }
        return new KernelAnnotation(op, pairs);
    }

    public override string ToString() => $"{Prefix}{Op}::{string.Join(",", Shape.Select(p => $"{p.Key}={p.Value}"))}";

    private static bool IsName(string s) =>
        s.Length > 0 && char.IsAsciiLetterLower(s[0]) && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static void Check(bool ok, string name, string what)
    {
        if (!ok)
        {
            throw new FormatException($"annotation '{name}': {what}; expected tr::<op>::<key>=<value>[,<key>=<value>]*");
        }
    }
}
