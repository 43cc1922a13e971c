namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>Reads one kernel-trace file into canonical rows (op class is filled in later by the classifier).</summary>
public interface IKernelReader
{
    string Format { get; }

    IEnumerable<KernelRecord> Read(string path, IngestContext context);
}
