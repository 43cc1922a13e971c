namespace TraceReplay.Core.Operators;

public static class OpClassNames
{
    private static readonly string[] s_names =
        ["gemm", "attention_prefill", "attention_decode", "moe_gemm", "router_topk", "norm", "rope", "activation", "elementwise", "all_reduce", "memcpy", "sampling", "other"];

    public static string ToName(this OpClass c) => s_names[(int)c];

    public static OpClass Parse(string name)
    {
        int i = Array.IndexOf(s_names, name.Trim().ToLowerInvariant());
        return i >= 0 ? (OpClass)i : throw new FormatException($"unknown op class '{name}'; expected one of {string.Join(", ", s_names)}");
    }

    public static IReadOnlyList<string> All => s_names;
}
