using Parquet;
using Parquet.Schema;
using TraceReplay.Calibration.KernelDb;
using TraceReplay.Calibration.Tests.Infrastructure;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Calibration.Tests.KernelDb;

/// <summary>
/// Issue 19: a measured-kernel Parquet table goes through the guarded Parquet path, so a damaged footer, a column of a
/// type the table cannot hold or a NULL where a value is needed is an <see cref="InputException"/> naming the file
/// (and the row and field where there is one), never a library exception.
/// </summary>
public sealed class KernelTableParquetErrorTests
{
    private static readonly string Sample = SharedData.Path("profiles", "aiconfigurator", "h100_sxm", "gemm_perf.parquet");

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    [InlineData(3)]
    public void A_garbage_footer_length_is_an_input_error_naming_the_file(int footer)
    {
        using var dir = new TempDir();
        string path = dir.File("gemm_perf.parquet");
        byte[] bytes = File.ReadAllBytes(Sample);
        BitConverter.GetBytes(footer).CopyTo(bytes, bytes.Length - 8);
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<InputException>(() => KernelTable.Read(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Random_footer_bytes_are_an_input_error_naming_the_file()
    {
        using var dir = new TempDir();
        string path = dir.File("gemm_perf.parquet");
        byte[] bytes = File.ReadAllBytes(Sample);
        int footer = BitConverter.ToInt32(bytes, bytes.Length - 8);
        new Random(19).NextBytes(bytes.AsSpan(bytes.Length - 8 - footer, footer));
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<InputException>(() => KernelTable.Read(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public async Task A_column_of_an_unreadable_type_names_the_column_and_its_type()
    {
        using var dir = new TempDir();
        string path = dir.File("gemm_perf.parquet");
        DataField[] fields = [.. new[] { "gemm_dtype", "m", "n", "k" }.Select(n => (DataField)new DataField<string>(n)), new DataField<DateTime>("latency")];
        await WriteAsync(path, fields, async g =>
        {
            foreach (DataField f in fields[..^1])
            {
                await g.WriteAsync(f, new[] { "1" }, null);
            }
            await g.WriteAsync<DateTime>(fields[^1], new[] { DateTime.UnixEpoch }.AsMemory());
        });
        var ex = Assert.Throws<InputException>(() => KernelTable.Read(path));
        Assert.Contains(path, ex.Message);
        Assert.Equal("latency", ex.Field);
        Assert.Contains("DateTime", ex.Message);
    }

    [Fact]
    public async Task A_null_latency_is_an_error_naming_the_row_and_field()
    {
        using var dir = new TempDir();
        string path = dir.File("gemm_perf.parquet");
        DataField[] text = [.. new[] { "framework", "version", "device", "op_name", "kernel_source", "gemm_dtype" }.Select(n => (DataField)new DataField<string>(n))];
        DataField[] shape = [.. new[] { "m", "n", "k" }.Select(n => (DataField)new DataField<long>(n))];
        var latency = new DataField<double?>("latency");
        await WriteAsync(path, [.. text, .. shape, latency], async g =>
        {
            string[] values = ["vLLM", "0.14.0", "H100", "gemm", "x", "bfloat16"];
            for (int i = 0; i < text.Length; i++)
            {
                await g.WriteAsync(text[i], new[] { values[i], values[i] }, null);
            }
            foreach (DataField f in shape)
            {
                await g.WriteAsync<long>(f, new long[] { 64, 128 }.AsMemory());
            }
            await g.WriteAsync<double>(latency, new double?[] { 0.01, null }.AsMemory());
        });
        KernelTable t = KernelTable.Read(path);
        var ex = Assert.Throws<InputException>(() => KernelSamples.From(t, "gemm_perf.parquet"));
        Assert.Contains(path + ":2:", ex.Message);
        Assert.Equal("latency", ex.Field);
        Assert.Contains("an empty cell", ex.Message);
    }

    private static async Task WriteAsync(string path, DataField[] fields, Func<ParquetRowGroupWriter, Task> write)
    {
        await using FileStream stream = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        await write(group);
    }
}
