namespace TraceReplay.Core.Operators;

public static class OpKindExtensions
{
    public static OpClass Class(this OpKind kind) => kind switch
    {
        OpKind.QkvProj or OpKind.MlaQDown or OpKind.MlaQUp or OpKind.MlaKvDown or OpKind.MlaKvUp
            or OpKind.MlaQAbsorb or OpKind.MlaVAbsorb or OpKind.OutProj or OpKind.MlpUpGate or OpKind.MlpDown
            or OpKind.SharedExperts or OpKind.LmHead => OpClass.Gemm,
        OpKind.AttentionPrefill => OpClass.AttentionPrefill,
        OpKind.AttentionDecode => OpClass.AttentionDecode,
        OpKind.MoeExperts => OpClass.MoeGemm,
        OpKind.MoeRouter => OpClass.RouterTopk,
        OpKind.InputNorm or OpKind.PostNorm or OpKind.FinalNorm => OpClass.Norm,
        OpKind.Rope => OpClass.Rope,
        OpKind.MlpAct => OpClass.Activation,
        OpKind.Embedding => OpClass.Elementwise,
        OpKind.AttnAllReduce or OpKind.MlpAllReduce or OpKind.MoeAllToAll => OpClass.AllReduce,
        OpKind.Sampling => OpClass.Sampling,
        _ => OpClass.Other,
    };

    /// <summary>snake_case name used in tables and Parquet (e.g. <c>qkv_proj</c>).</summary>
    public static string ToSnakeName(this OpKind kind)
    {
        string s = kind.ToString();
        var sb = new System.Text.StringBuilder(s.Length + 4);
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsUpper(s[i]) && i > 0)
            {
                sb.Append('_');
            }
            sb.Append(char.ToLowerInvariant(s[i]));
        }
        return sb.ToString();
    }
}
