namespace TraceReplay.Calibration.Profiles;

/// <summary>One input file of a calibration: its path relative to the profiles folder (forward slashes) and SHA-256.</summary>
public readonly record struct ProfileInput(string RelativePath, string Sha256);
