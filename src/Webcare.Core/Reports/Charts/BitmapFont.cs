using System.Collections.Frozen;
using System.Text;
using Webcare.Core.Text;

namespace Webcare.Core.Reports.Charts;

/// <summary>
/// An embedded 5×7 pixel font: digits, capitals and common punctuation. Lower case is drawn as capitals and
/// accents are folded away (é → E), which keeps the table small and chart labels legible at 2× scale.
/// </summary>
public static class BitmapFont
{
    public const int GlyphWidth = 5;
    public const int GlyphHeight = 7;

    /// <summary>Horizontal distance between glyph origins, in font pixels (one pixel of spacing).</summary>
    public const int Advance = 6;

    private static readonly FrozenDictionary<char, bool[]> Glyphs = Parse(new Dictionary<char, string>
    {
        [' '] = "..... ..... ..... ..... ..... ..... .....",
        ['0'] = ".###. #...# #..## #.#.# ##..# #...# .###.",
        ['1'] = "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
        ['2'] = ".###. #...# ....# ...#. ..#.. .#... #####",
        ['3'] = "##### ...#. ..#.. ...#. ....# #...# .###.",
        ['4'] = "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
        ['5'] = "##### #.... ####. ....# ....# #...# .###.",
        ['6'] = "..##. .#... #.... ####. #...# #...# .###.",
        ['7'] = "##### ....# ...#. ..#.. .#... .#... .#...",
        ['8'] = ".###. #...# #...# .###. #...# #...# .###.",
        ['9'] = ".###. #...# #...# .#### ....# ...#. .##..",
        ['A'] = ".###. #...# #...# ##### #...# #...# #...#",
        ['B'] = "####. #...# #...# ####. #...# #...# ####.",
        ['C'] = ".###. #...# #.... #.... #.... #...# .###.",
        ['D'] = "###.. #..#. #...# #...# #...# #..#. ###..",
        ['E'] = "##### #.... #.... ####. #.... #.... #####",
        ['F'] = "##### #.... #.... ####. #.... #.... #....",
        ['G'] = ".###. #...# #.... #.### #...# #...# .####",
        ['H'] = "#...# #...# #...# ##### #...# #...# #...#",
        ['I'] = ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
        ['J'] = "..### ...#. ...#. ...#. ...#. #..#. .##..",
        ['K'] = "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
        ['L'] = "#.... #.... #.... #.... #.... #.... #####",
        ['M'] = "#...# ##.## #.#.# #.#.# #...# #...# #...#",
        ['N'] = "#...# #...# ##..# #.#.# #..## #...# #...#",
        ['O'] = ".###. #...# #...# #...# #...# #...# .###.",
        ['P'] = "####. #...# #...# ####. #.... #.... #....",
        ['Q'] = ".###. #...# #...# #...# #.#.# #..#. .##.#",
        ['R'] = "####. #...# #...# ####. #.#.. #..#. #...#",
        ['S'] = ".#### #.... #.... .###. ....# ....# ####.",
        ['T'] = "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
        ['U'] = "#...# #...# #...# #...# #...# #...# .###.",
        ['V'] = "#...# #...# #...# #...# #...# .#.#. ..#..",
        ['W'] = "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
        ['X'] = "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
        ['Y'] = "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
        ['Z'] = "##### ....# ...#. ..#.. .#... #.... #####",
        ['.'] = "..... ..... ..... ..... ..... .##.. .##..",
        [','] = "..... ..... ..... ..... .##.. ..#.. .#...",
        [':'] = "..... .##.. .##.. ..... .##.. .##.. .....",
        [';'] = "..... .##.. .##.. ..... .##.. ..#.. .#...",
        ['-'] = "..... ..... ..... ##### ..... ..... .....",
        ['+'] = "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
        ['%'] = "##... ##..# ...#. ..#.. .#... #..## ...##",
        ['/'] = "..... ....# ...#. ..#.. .#... #.... .....",
        ['('] = "...#. ..#.. .#... .#... .#... ..#.. ...#.",
        [')'] = ".#... ..#.. ...#. ...#. ...#. ..#.. .#...",
        ['#'] = ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",
        ['\''] = "..#.. ..#.. .#... ..... ..... ..... .....",
        ['!'] = "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..",
        ['?'] = ".###. #...# ....# ...#. ..#.. ..... ..#..",
        ['_'] = "..... ..... ..... ..... ..... ..... #####",
        ['='] = "..... ..... ##### ..... ##### ..... .....",
        ['&'] = ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#",
        ['<'] = "...#. ..#.. .#... #.... .#... ..#.. ...#.",
        ['>'] = ".#... ..#.. ...#. ....# ...#. ..#.. .#...",
    });

    /// <summary>Upper-cases, folds accents and replaces what the font lacks, so width and drawing agree.</summary>
    public static string Prepare(string text)
    {
        var folded = TextNormalizer.Fold(text.Replace('–', '-').Replace('—', '-').Replace('·', '-').Replace('"', '\''));
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            var upper = char.ToUpperInvariant(c);
            builder.Append(Glyphs.ContainsKey(upper) ? upper : '?');
        }

        return builder.ToString();
    }

    public static bool[] Glyph(char c) => Glyphs.TryGetValue(c, out var glyph) ? glyph : Glyphs['?'];

    private static FrozenDictionary<char, bool[]> Parse(Dictionary<char, string> rows) =>
        rows.ToFrozenDictionary(kv => kv.Key, kv =>
        {
            var bits = kv.Value.Replace(" ", string.Empty, StringComparison.Ordinal);
            return bits.Length != GlyphWidth * GlyphHeight
                ? throw new InvalidOperationException($"Glyph '{kv.Key}' has {bits.Length} pixels")
                : bits.Select(b => b == '#').ToArray();
        });
}
