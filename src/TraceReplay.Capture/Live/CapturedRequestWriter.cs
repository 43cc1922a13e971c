using System.Globalization;
using TraceReplay.Core.Requests;
using TraceReplay.Parquet.Requests;

namespace TraceReplay.Capture.Live;

/// <summary>
/// Writes the completed requests of a capture as canonical request Parquet, ordered by arrival (then id), with
/// arrival_ns relative to the first arrival written. The absolute start and the capture's accounting go to the
/// file metadata; incomplete requests are counted there, not written.
/// </summary>
public static class CapturedRequestWriter
{
    public const string Source = "eventpipe:" + Instrumentation.RequestEventSource.ProviderName;
    public const string SourceKey = "tracereplay.requests.source";
    public const string StartEpochNsKey = "tracereplay.requests.start_epoch_ns";
    public const string PidKey = "tracereplay.capture.pid";
    public const string IncompleteKey = "tracereplay.capture.incomplete_requests";
    public const string OrphanEventsKey = "tracereplay.capture.orphan_events";
    public const string DuplicateArrivalsKey = "tracereplay.capture.duplicate_arrivals";
    public const string EventsReadKey = "tracereplay.capture.events_read";
    public const string EventsLostKey = "tracereplay.capture.events_lost";

    public static async Task<long> WriteAsync(string path, LiveCaptureResult result)
    {
        CapturedRequest[] rows = [.. result.Completed.OrderBy(r => r.ArrivalEpochNs).ThenBy(r => r.RequestId)];
        long start = rows.Length > 0 ? rows[0].ArrivalEpochNs : result.SessionStartEpochNs;
        var meta = new Dictionary<string, string>
        {
            [SourceKey] = Source,
            [StartEpochNsKey] = Str(start),
            [PidKey] = Str(result.Pid),
            [IncompleteKey] = Str(result.IncompleteIds.Count),
            [OrphanEventsKey] = Str(result.OrphanEvents),
            [DuplicateArrivalsKey] = Str(result.DuplicateArrivals),
            [EventsReadKey] = Str(result.EventsRead),
            [EventsLostKey] = Str(result.EventsLost),
        };
        RequestParquetWriter writer = await RequestParquetWriter.CreateAsync(path, meta).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            foreach (CapturedRequest r in rows)
            {
                await writer.AddAsync(new RequestRecord(r.RequestId, r.ArrivalEpochNs - start, r.PromptTokens, r.OutputTokens)).ConfigureAwait(false);
            }
        }
        return rows.Length;
    }

    private static string Str(long v) => v.ToString(CultureInfo.InvariantCulture);
}
