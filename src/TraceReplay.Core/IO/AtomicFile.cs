namespace TraceReplay.Core.IO;

/// <summary>Writes a file so readers never see it half-written: a temp file in the same folder, then a rename.</summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        string full = Path.GetFullPath(path);
        string temp = TempFiles.Beside(full);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false))
            {
                await write(stream).ConfigureAwait(false);
            }
            TempFiles.Commit(temp, full);
        }
        finally
        {
            if (File.Exists(temp))
            {
                TempFiles.Discard(temp);
            }
        }
    }

    public static void WriteAllText(string path, string text) =>
        WriteAsync(path, async s =>
        {
            await using var writer = new StreamWriter(s, new System.Text.UTF8Encoding(false));
            await writer.WriteAsync(text).ConfigureAwait(false);
        }).GetAwaiter().GetResult();

    public static void WriteAllBytes(string path, byte[] bytes) =>
        WriteAsync(path, s => s.WriteAsync(bytes).AsTask()).GetAwaiter().GetResult();
}
