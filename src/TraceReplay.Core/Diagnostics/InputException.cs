namespace TraceReplay.Core.Diagnostics;

/// <summary>
/// Bad input the user can fix: which file, where in it (line, row or event index; 0 = the whole file), which field,
/// what was expected and what was found. The CLI prints <see cref="Exception.Message"/> as one line and exits 2.
/// Every reader and loader reports malformed structure through this type (or <c>IngestException</c>, which derives
/// from it), so no library exception reaches the user.
/// </summary>
public class InputException : IOException
{
    public InputException(string file, long index, string field, string expected, string found, Exception? inner = null)
        : base(Format(file, index, field, expected, found), inner)
    {
        FilePath = file;
        Index = index;
        Field = field;
        Expected = expected;
        Found = found;
    }

    /// <summary>For subclasses that compose their own message from the same parts.</summary>
    protected InputException(string message, string file, long index, string field, string expected, string found, Exception? inner = null)
        : base(message, inner)
    {
        FilePath = file;
        Index = index;
        Field = field;
        Expected = expected;
        Found = found;
    }

    public string FilePath { get; }

    /// <summary>1-based line, row or event index; 0 when the problem is the whole file.</summary>
    public long Index { get; }

    public string Field { get; }

    public string Expected { get; }

    public string Found { get; }

    /// <summary><c>file:index: field 'f': expected E, got F</c> (parts left out when empty).</summary>
    public static string Format(string file, long index, string field, string expected, string found) =>
        (index > 0 ? $"{file}:{index}: " : $"{file}: ") + (field is "" or "-" ? "" : $"field '{field}': ")
        + (expected.Length == 0 ? found : found.Length == 0 ? $"expected {expected}" : $"expected {expected}, got {Clip(found)}");

    /// <summary>A whole-file problem (unreadable structure, corrupt container), keeping the library's exception as inner.</summary>
    public static InputException Corrupt(string file, string what, Exception? inner = null) =>
        new(file, 0, "", "", what + (inner is null ? "" : $" ({Clip(inner.Message)})"), inner);

    private static string Clip(string s)
    {
        s = s.ReplaceLineEndings(" ");
        return s.Length <= 160 ? s : s[..157] + "...";
    }
}
