using TraceReplay.Core.Requests;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// Streams one request-log file as canonical rows in arrival order. Bad rows go to <see cref="IngestContext.Reject"/>
/// (which stops the run unless --max-errors allows more); every data row read is counted once.
/// </summary>
public interface IRequestReader
{
    /// <summary>Format name as given to <c>--format</c> (azure, mooncake, ...).</summary>
    string Format { get; }

    /// <summary>True when rows carry no arrival times and need <c>--rate</c>.</summary>
    bool NeedsArrivals => false;

    IEnumerable<RequestRow> Read(string path, IngestContext context);
}
