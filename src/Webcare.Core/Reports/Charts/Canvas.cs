namespace Webcare.Core.Reports.Charts;

/// <summary>An RGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb White = new(255, 255, 255);
    public static readonly Rgb Ink = new(33, 37, 41);
    public static readonly Rgb Muted = new(108, 117, 125);
    public static readonly Rgb Grid = new(222, 226, 230);
    public static readonly Rgb ThisWeek = new(31, 119, 180);
    public static readonly Rgb LastWeek = new(173, 181, 189);
    public static readonly Rgb Confirmed = new(8, 48, 107);

    /// <summary>#rrggbb, for the SVG in the HTML report so chart and image share colours.</summary>
    public string Hex => $"#{R:x2}{G:x2}{B:x2}";
}

/// <summary>A small software rasteriser: filled rectangles, thick lines and bitmap-font text on an RGB buffer.</summary>
public sealed class Canvas
{
    private readonly byte[] _pixels;

    public Canvas(int width, int height, Rgb background)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 3];
        FillRect(0, 0, width, height, background);
    }

    public int Width { get; }

    public int Height { get; }

    public ReadOnlySpan<byte> Pixels => _pixels;

    public Rgb GetPixel(int x, int y)
    {
        var i = ((y * Width) + x) * 3;
        return new Rgb(_pixels[i], _pixels[i + 1], _pixels[i + 2]);
    }

    public void SetPixel(int x, int y, Rgb color)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height)
        {
            return;
        }

        var i = ((y * Width) + x) * 3;
        _pixels[i] = color.R;
        _pixels[i + 1] = color.G;
        _pixels[i + 2] = color.B;
    }

    public void FillRect(int x, int y, int width, int height, Rgb color)
    {
        var x0 = Math.Max(0, x);
        var y0 = Math.Max(0, y);
        var x1 = Math.Min(Width, x + width);
        var y1 = Math.Min(Height, y + height);
        for (var row = y0; row < y1; row++)
        {
            for (var col = x0; col < x1; col++)
            {
                SetPixel(col, row, color);
            }
        }
    }

    /// <summary>A line <paramref name="thickness"/> pixels wide (Bresenham, stamping a square brush).</summary>
    public void Line(int x0, int y0, int x1, int y1, Rgb color, int thickness = 1)
    {
        var dx = Math.Abs(x1 - x0);
        var dy = -Math.Abs(y1 - y0);
        var sx = x0 < x1 ? 1 : -1;
        var sy = y0 < y1 ? 1 : -1;
        var error = dx + dy;
        var half = thickness / 2;
        while (true)
        {
            FillRect(x0 - half, y0 - half, thickness, thickness, color);
            if (x0 == x1 && y0 == y1)
            {
                return;
            }

            var e2 = 2 * error;
            if (e2 >= dy)
            {
                error += dy;
                x0 += sx;
            }

            if (e2 <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }

    /// <summary>Draws text with its top-left corner at (x, y); returns the width drawn.</summary>
    public int Text(int x, int y, string text, Rgb color, int scale = 2)
    {
        var cursor = x;
        foreach (var c in BitmapFont.Prepare(text))
        {
            var glyph = BitmapFont.Glyph(c);
            for (var row = 0; row < BitmapFont.GlyphHeight; row++)
            {
                for (var col = 0; col < BitmapFont.GlyphWidth; col++)
                {
                    if (glyph[row * BitmapFont.GlyphWidth + col])
                    {
                        FillRect(cursor + col * scale, y + row * scale, scale, scale, color);
                    }
                }
            }

            cursor += BitmapFont.Advance * scale;
        }

        return cursor - x;
    }

    public static int TextWidth(string text, int scale = 2) => BitmapFont.Prepare(text).Length * BitmapFont.Advance * scale;

    public byte[] ToPng() => PngEncoder.Encode(Width, Height, _pixels);
}
