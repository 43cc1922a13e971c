using TraceReplay.Ingest;
using TraceReplay.Ingest.Diagnostics;
using TraceReplay.Ingest.Kernels;
using TraceReplay.Ingest.Kernels.Classification;

namespace TraceReplay.Calibration.Tests.Infrastructure;

/// <summary>The real A100 Llama-2-7B decode ncu excerpt, ingested as the shipped a100 calibration's kernel Parquet.</summary>
public static class NcuA100Sample
{
    /// <summary>The file name the shipped calibration records (its inputs list it as kernels/&lt;name&gt;).</summary>
    public const string ParquetName = "a100-llama2-7b-decode.parquet";

    public static string Csv => SharedData.Path("kernels", "ncu-csv", "a100-llama2-7b-decode", "Llama-2-7B-fp16_0_decode_0.EXCERPT_rows0_22.csv");

    public static string Shapes => Path.Combine(SharedData.Repo, "calibration", "captures", "ncu-a100-llama2-7b-decode", "shapes.csv");

    /// <summary>Ingests the excerpt into <paramref name="folder"/> (as `tracereplay ingest kernels` does) and returns the Parquet path.</summary>
    public static string Ingest(string folder)
    {
        string parquet = Path.Combine(folder, ParquetName);
        IngestCounts counts = KernelIngest.RunAsync([Csv], parquet, "auto", KernelClassifier.Default, new IngestContext(new RejectSink(0))).GetAwaiter().GetResult();
        Assert.Equal(2, counts.RowsWritten);
        return parquet;
    }
}
