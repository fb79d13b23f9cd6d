using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Webcare.Core.Reports.Charts;
using Webcare.Core.Tests.Reports.Digest;

namespace Webcare.Core.Tests.Reports.Charts;

public sealed class PngEncoderTests
{
    private sealed record Chunk(string Type, byte[] Data, uint StoredCrc);

    /// <summary>Splits a PNG into chunks, checking the signature and that the chunks exactly fill the file.</summary>
    private static List<Chunk> ReadChunks(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var chunks = new List<Chunk>();
        var at = 8;
        while (at < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png[(at + 8)..(at + 8 + length)];
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            chunks.Add(new Chunk(type, data, crc));
            at += 12 + length;
        }

        Assert.Equal(png.Length, at);
        return chunks;
    }

    /// <summary>CRC-32 written out bit by bit, independent of the encoder's table.</summary>
    private static uint ReferenceCrc(string type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in Encoding.ASCII.GetBytes(type).Concat(data))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public void Render_DigestChart_IsAValidPngOfTheStatedSize()
    {
        var png = DigestChart.Render(SampleReports.Full());

        var chunks = ReadChunks(png);
        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        Assert.Empty(chunks[^1].Data);
        Assert.All(chunks, c => Assert.Equal(ReferenceCrc(c.Type, c.Data), c.StoredCrc));

        var header = chunks[0].Data;
        Assert.Equal(13, header.Length);
        var width = BinaryPrimitives.ReadInt32BigEndian(header);
        var height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        Assert.Equal((DigestChart.Width, DigestChart.Height), (width, height));
        Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, header[8..]); // 8-bit RGB, deflate, no filter method, no interlace

        var raw = Inflate(chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray());
        Assert.Equal(height * (1 + (width * 3)), raw.Length);
        Assert.All(Enumerable.Range(0, height), row => Assert.Equal(0, raw[row * (1 + (width * 3))]));
    }

    [Fact]
    public void Encode_KnownPixels_DecodeBackToTheSameColours()
    {
        var canvas = new Canvas(3, 2, Rgb.White);
        canvas.SetPixel(0, 0, new Rgb(255, 0, 0));
        canvas.SetPixel(2, 1, new Rgb(1, 2, 3));

        var raw = Inflate(ReadChunks(canvas.ToPng()).Single(c => c.Type == "IDAT").Data);

        Assert.Equal(new byte[] { 0, 255, 0, 0, 255, 255, 255, 255, 255, 255, 0, 255, 255, 255, 255, 255, 255, 1, 2, 3 }, raw);
    }

    [Fact]
    public void Text_Digits_DrawInkInsideTheirBoxOnly()
    {
        var canvas = new Canvas(60, 20, Rgb.White);
        var width = canvas.Text(2, 2, "0123", Rgb.Ink, 2);

        Assert.Equal(Canvas.TextWidth("0123"), width);
        var inked = Enumerable.Range(0, 60).SelectMany(x => Enumerable.Range(0, 20).Select(y => (x, y))).Where(p => canvas.GetPixel(p.x, p.y) == Rgb.Ink).ToList();
        Assert.NotEmpty(inked);
        Assert.All(inked, p => Assert.InRange(p.y, 2, 2 + (7 * 2) - 1));
        Assert.All(inked, p => Assert.InRange(p.x, 2, 2 + width - 1));
    }

    [Fact]
    public void Prepare_LowerCaseAccentsAndUnknown_MapToGlyphs()
    {
        Assert.Equal("CAFE - 12% ?", BitmapFont.Prepare("café – 12% €"));
    }
}
