using TraceReplay.Calibration.Model;
using TraceReplay.Reproductions.LayeredPrefill;

namespace TraceReplay.Reproductions.Tests.LayeredPrefill;

/// <summary>The --quick grid once more with an ideal causal attention kernel (<c>--masked-pairs skipped</c>).</summary>
public sealed class SkippedMaskQuickRunFixture : IDisposable
{
    public SkippedMaskQuickRunFixture()
    {
        OutDir = Directory.CreateTempSubdirectory("lp-quick-skipped-").FullName;
        Result = LayeredPrefillReproduction.Run(LayeredPrefillConfig.Quick() with { MaskedPairs = MaskedPairs.Skipped }, RepoPaths.Lengths, OutDir, writeRuns: false);
    }

    public string OutDir { get; }

    public LayeredPrefillResult Result { get; }

    public void Dispose() => Directory.Delete(OutDir, recursive: true);
}
