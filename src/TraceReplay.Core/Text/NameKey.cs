namespace TraceReplay.Core.Text;

/// <summary>Case- and punctuation-insensitive name matching: "Qwen/Qwen3-30B-A3B" and "qwen3_30b_a3b" meet.</summary>
public static class NameKey
{
    public static string Normalize(string name)
    {
        ReadOnlySpan<char> s = name.AsSpan().Trim();
        int slash = s.LastIndexOf('/');
        if (slash >= 0 && !s.EndsWith("/"))
        {
            s = s[(slash + 1)..];
        }
        Span<char> buffer = stackalloc char[s.Length];
        int n = 0;
        foreach (char c in s)
        {
            if (char.IsLetterOrDigit(c) || c == '.')
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }
        return new string(buffer[..n]);
    }
}
