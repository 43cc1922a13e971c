using System.Text;

namespace TraceReplay.Calibration.IO;

/// <summary>Writes a file through a temp file in the same folder, then moves it over the target.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteText(string path, string text) => WriteBytes(path, s_utf8.GetBytes(text));

    public static void WriteBytes(string path, ReadOnlySpan<byte> bytes)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        using (FileStream f = File.Create(temp))
        {
            f.Write(bytes);
        }
        File.Move(temp, full, overwrite: true);
    }
}
