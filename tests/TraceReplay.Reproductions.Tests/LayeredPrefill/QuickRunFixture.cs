using TraceReplay.Reproductions.LayeredPrefill;

namespace TraceReplay.Reproductions.Tests.LayeredPrefill;

/// <summary>Runs <c>reproduce layered-prefill --quick</c> once (about 20-40 s on 2 cores) for every claim test.</summary>
public sealed class QuickRunFixture : IDisposable
{
    public QuickRunFixture()
    {
        OutDir = Directory.CreateTempSubdirectory("lp-quick-").FullName;
        Result = LayeredPrefillReproduction.Run(LayeredPrefillConfig.Quick(), RepoPaths.Lengths, OutDir);
    }

    public string OutDir { get; }

    public LayeredPrefillResult Result { get; }

    public void Dispose() => Directory.Delete(OutDir, recursive: true);
}
