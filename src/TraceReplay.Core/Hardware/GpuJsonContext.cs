using System.Text.Json.Serialization;

namespace TraceReplay.Core.Hardware;

/// <summary>Source-generated metadata for gpus.json and user GPU files (keys from <see cref="GpuSpec"/>'s [JsonPropertyName]).</summary>
[JsonSerializable(typeof(GpuSpec))]
[JsonSerializable(typeof(List<GpuSpec>))]
internal sealed partial class GpuJsonContext : JsonSerializerContext;
