using TraceReplay.Calibration.Captures;
using TraceReplay.Calibration.Iteration;
using TraceReplay.Calibration.Kernels;
using TraceReplay.Calibration.Tests.Infrastructure;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Calibration.Tests.Kernels;

/// <summary>
/// Issue 19: calibration's kernel-Parquet readers (traffic, iteration times, capture kernels) open their input through
/// the guarded Parquet path, so a damaged footer is an <see cref="InputException"/> naming the file, not a Thrift crash.
/// </summary>
public sealed class KernelParquetGuardTests
{
    public static TheoryData<string> Readers() => ["traffic", "times", "capture"];

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_damaged_kernel_parquet_is_an_input_error_naming_the_file(string reader)
    {
        using var tmp = new TempDir();
        string parquet = NcuA100Sample.Ingest(tmp.Path);
        byte[] bytes = File.ReadAllBytes(parquet);
        int footer = BitConverter.ToInt32(bytes, bytes.Length - 8);
        new Random(19).NextBytes(bytes.AsSpan(bytes.Length - 8 - footer, footer));
        string damaged = tmp.File("damaged.parquet");
        File.WriteAllBytes(damaged, bytes);
        Action read = reader switch
        {
            "traffic" => () => KernelTrafficReader.Read(damaged),
            "times" => () => KernelTimes.Read(damaged, null),
            _ => () => CaptureKernelReader.Read(damaged),
        };
        var ex = Assert.Throws<InputException>(read);
        Assert.Contains(damaged, ex.Message);
    }
}
