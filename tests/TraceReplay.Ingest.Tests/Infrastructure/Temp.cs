namespace TraceReplay.Ingest.Tests.Infrastructure;

public static class Temp
{
    public static string Dir() => Directory.CreateTempSubdirectory("tracereplay-ingest-").FullName;

    public static string File(string name, string content)
    {
        string path = System.IO.Path.Combine(Dir(), name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }
}
