namespace TraceReplay.TestSupport;

/// <summary>A fresh folder under the system temp folder, deleted (best effort) on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tracereplay-test-").FullName;

    /// <summary>A path inside the folder (nothing created).</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>A path inside the folder (nothing created).</summary>
    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A file path inside the folder, its parent folders created.</summary>
    public string File(string relative)
    {
        string p = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        return p;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
