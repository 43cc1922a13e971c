using TraceReplay.Ingest.Diagnostics;
using TraceReplay.Ingest.Kernels;
using TraceReplay.Ingest.Kernels.Classification;
using TraceReplay.Ingest.Requests;

namespace TraceReplay.Ingest.Tests.Infrastructure;

public static class Run
{
    public static async Task<(IngestCounts Counts, string Output, IngestContext Context)> Requests(RequestIngestOptions options)
    {
        var context = new IngestContext(new RejectSink(options.MaxErrors));
        IngestCounts counts = await RequestIngest.RunAsync(options, context);
        return (counts, options.Output, context);
    }

    public static Task<(IngestCounts Counts, string Output, IngestContext Context)> Requests(string input, string format = "auto", long maxErrors = 0) =>
        Requests(new RequestIngestOptions([input], Path.Combine(Temp.Dir(), "out.parquet"), format, maxErrors));

    public static async Task<(IngestCounts Counts, string Output)> Kernels(string input, string format = "auto", long maxErrors = 0)
    {
        string output = Path.Combine(Temp.Dir(), "kernels.parquet");
        var context = new IngestContext(new RejectSink(maxErrors));
        IngestCounts counts = await KernelIngest.RunAsync([input], output, format, KernelClassifier.Default, context);
        return (counts, output);
    }
}
