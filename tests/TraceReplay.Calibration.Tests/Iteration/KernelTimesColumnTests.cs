using Parquet;
using Parquet.Schema;
using TraceReplay.Calibration.Iteration;
using TraceReplay.Core.Kernels;

namespace TraceReplay.Calibration.Tests.Iteration;

/// <summary>KernelTimes reads dur_ns through the kernel readers' shared column reads: any integer or float type, nullable or not.</summary>
public sealed class KernelTimesColumnTests
{
    /// <summary>Three kernels (gemm, gemm, norm) in steps 1, 2, 1; <paramref name="writeDur"/> writes the dur_ns column it is given.</summary>
    private static async Task<string> WriteAsync(TempDir tmp, DataField dur, Func<ParquetRowGroupWriter, DataField, Task> writeDur)
    {
        string path = tmp.File($"k-{Guid.NewGuid():N}.parquet");
        var cls = new DataField<string>(KernelColumns.OpClass);
        var nvtx = new DataField<string>(KernelColumns.NvtxPath);
        await using FileStream f = File.Create(path);
        await using ParquetWriter w = await ParquetWriter.CreateAsync(new ParquetSchema(cls, dur, nvtx), f);
        using ParquetRowGroupWriter g = w.CreateRowGroup();
        await g.WriteAsync(cls, new string?[] { "gemm", "gemm", "norm" });
        await writeDur(g, dur);
        await g.WriteAsync(nvtx, new string?[] { "step#1 > a", "step#2 > b", "step#1 > c" });
        return path;
    }

    private static Task<string> Longs(TempDir tmp) =>
        WriteAsync(tmp, new DataField<long>(KernelColumns.DurNs), (g, f) => g.WriteAsync(f, new ReadOnlyMemory<long>([1500, 2500, 1000])));

    [Fact]
    public async Task Duration_columns_of_every_numeric_type_give_the_same_times()
    {
        using var tmp = new TempDir();
        KernelTimes[] read =
        [
            KernelTimes.Read(await Longs(tmp), null),
            KernelTimes.Read(await WriteAsync(tmp, new DataField<long?>(KernelColumns.DurNs), (g, f) => g.WriteAsync(f, new ReadOnlyMemory<long?>([1500, 2500, 1000]))), null),
            KernelTimes.Read(await WriteAsync(tmp, new DataField<double>(KernelColumns.DurNs), (g, f) => g.WriteAsync(f, new ReadOnlyMemory<double>([1500, 2500, 1000]))), null),
            KernelTimes.Read(await WriteAsync(tmp, new DataField<int?>(KernelColumns.DurNs), (g, f) => g.WriteAsync(f, new ReadOnlyMemory<int?>([1500, 2500, 1000]))), null),
        ];
        foreach (KernelTimes t in read)
        {
            Assert.Equal((3, 3), (t.RowsRead, t.RowsKept));
            Assert.Equal((2, 4.0), t.ByClass["gemm"]);
            Assert.Equal((1, 1.0), t.ByClass["norm"]);
        }
        KernelTimes step1 = KernelTimes.Read(await Longs(tmp), "step#1");
        Assert.Equal((3, 2), (step1.RowsRead, step1.RowsKept));
        Assert.Equal((1, 1.5), step1.ByClass["gemm"]);
    }

    [Fact]
    public async Task A_null_duration_and_a_text_duration_column_are_errors_naming_the_file()
    {
        using var tmp = new TempDir();
        string withNull = await WriteAsync(tmp, new DataField<long?>(KernelColumns.DurNs), (g, f) => g.WriteAsync(f, new ReadOnlyMemory<long?>([1500, null, 1000])));
        var ex = Assert.Throws<InvalidDataException>(() => KernelTimes.Read(withNull, null));
        Assert.Contains($"{withNull}: row 2: field '{KernelColumns.DurNs}': expected a duration in ns, got null", ex.Message, StringComparison.Ordinal);
        string text = await WriteAsync(tmp, new DataField<string>(KernelColumns.DurNs), (g, f) => g.WriteAsync(f, new string?[] { "1500", "2500", "1000" }));
        ex = Assert.Throws<InvalidDataException>(() => KernelTimes.Read(text, null));
        Assert.Contains($"{text}: column '{KernelColumns.DurNs}' is text; expected int64 or double ns", ex.Message, StringComparison.Ordinal);
    }
}
