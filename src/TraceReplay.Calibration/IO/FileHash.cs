using System.Security.Cryptography;
using System.Text;

namespace TraceReplay.Calibration.IO;

public static class FileHash
{
    public static string Sha256(string path)
    {
        using FileStream s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    public static string Sha256Text(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
