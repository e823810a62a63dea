using System.Runtime.InteropServices;

namespace Gaplens.Core.Files;

/// <summary>What a directory entry is, as far as reading it is concerned.</summary>
public enum FileKind
{
    /// <summary>A regular file: safe to open and read.</summary>
    Regular,

    Directory,

    SymbolicLink,

    /// <summary>A named pipe: opening it for reading blocks until some writer appears.</summary>
    Fifo,

    Socket,

    CharacterDevice,

    BlockDevice,

    /// <summary>Does not exist, or could not be examined.</summary>
    Missing,

    /// <summary>The platform cannot tell (no statx); callers treat an empty entry as possibly special.</summary>
    Unknown,
}

/// <summary>
/// Tells regular files from FIFOs, sockets and devices without opening them (opening a FIFO blocks forever, reading
/// /dev/zero never ends). Uses statx on Linux; elsewhere the kind is unknown and callers never open an entry that
/// reports a length of zero, which every special file does.
/// </summary>
public static partial class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;

    public static FileKind Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return FileKind.Unknown;
        }

        var buffer = new byte[256];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return FileKind.Unknown;
        }

        if (result != 0)
        {
            return FileKind.Missing;
        }

        var mode = BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            _ => FileKind.Unknown,
        };
    }

    /// <summary>True for FIFOs, sockets and devices: never opened by a scan.</summary>
    public static bool IsSpecial(this FileKind kind) => kind is FileKind.Fifo or FileKind.Socket or FileKind.CharacterDevice or FileKind.BlockDevice;

    /// <summary>Words for a warning: "a named pipe (FIFO)".</summary>
    public static string Describe(this FileKind kind) => kind switch
    {
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.Socket => "a socket",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Missing => "missing",
        _ => "not a regular file",
    };

    /// <summary>
    /// Reads a whole regular file of at most <paramref name="maxBytes"/> bytes, refusing special files and larger
    /// files before opening them; for configuration files and small metadata (never for the content pass's bulk).
    /// </summary>
    public static byte[] ReadRegularFile(string path, long maxBytes)
    {
        var kind = Of(path);
        if (kind.IsSpecial() || kind is FileKind.Directory)
        {
            throw new InvalidDataException($"it is {kind.Describe()}, not a regular file");
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException("the file does not exist", path);
        }

        if (kind == FileKind.Unknown && info.Length == 0)
        {
            return [];
        }

        if (info.Length > maxBytes)
        {
            throw new InvalidDataException($"it is {info.Length:N0} bytes, over the {maxBytes:N0}-byte limit");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        using var copy = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - copy.Length));
            if (read == 0)
            {
                break;
            }

            copy.Write(chunk, 0, read);
            if (copy.Length > maxBytes)
            {
                throw new InvalidDataException($"it is over the {maxBytes:N0}-byte limit");
            }
        }

        return copy.ToArray();
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
