namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// Short names from demangled ones (FORMATS.md 2): drop the return type, <c>void </c>, template arguments and the
/// parameter list, keep the last identifier. cuBLAS/cuDNN names (<c>sm90_xmma_gemm_*</c>, <c>nvjet_*</c>) have no
/// brackets and stay whole, because they encode the tile.
/// </summary>
internal static class KernelNames
{
    public static string Short(string full)
    {
        string s = full.Trim();
        s = Strip(s, '(', ')', fromEnd: true);
        s = RemoveNested(s, '<', '>');
        s = s.Trim();
        int space = s.LastIndexOf(' ');
        if (space >= 0)
        {
            s = s[(space + 1)..];
        }
        int colons = s.LastIndexOf("::", StringComparison.Ordinal);
        if (colons >= 0)
        {
            s = s[(colons + 2)..];
        }
        return s.Length == 0 ? full : s;
    }

    /// <summary>Removes the final balanced (...) group, the parameter list.</summary>
    private static string Strip(string s, char open, char close, bool fromEnd)
    {
        if (!fromEnd || !s.EndsWith(close))
        {
            return s;
        }
        int depth = 0;
        for (int i = s.Length - 1; i >= 0; i--)
        {
            if (s[i] == close)
            {
                depth++;
            }
            else if (s[i] == open && --depth == 0)
            {
                return s[..i];
            }
        }
        return s;
    }

    private static string RemoveNested(string s, char open, char close)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        int depth = 0;
        foreach (char c in s)
        {
            if (c == open)
            {
                depth++;
            }
            else if (c == close && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
