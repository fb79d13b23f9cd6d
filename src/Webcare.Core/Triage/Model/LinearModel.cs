using System.Buffers.Binary;

namespace Webcare.Core.Triage.Model;

/// <summary>
/// Logistic regression over hashed features plus the combiner that blends it with the rule scorer:
/// logit = LexiconWeight·lexicon + CueWeight·cues + ModelWeight·model + Bias.
/// Stored as a small sparse binary file (config/triage/model.bin).
/// </summary>
internal sealed class LinearModel
{
    private const uint Magic = 0x4D544357; // "WCTM"
    private const int Version = 1;

    public LinearModel(float[] weights, float lexiconWeight, float cueWeight, float modelWeight, float bias)
    {
        Weights = weights;
        LexiconWeight = lexiconWeight;
        CueWeight = cueWeight;
        ModelWeight = modelWeight;
        Bias = bias;
    }

    public float[] Weights { get; }

    public float LexiconWeight { get; }

    public float CueWeight { get; }

    public float ModelWeight { get; }

    public float Bias { get; }

    /// <summary>A model that knows nothing: the rule scorer alone decides.</summary>
    public static LinearModel Empty() => new(new float[1 << HashedFeatures.Bits], -0.9f, -0.9f, 0f, -0.5f);

    public double Logit(ReadOnlySpan<int> features)
    {
        double sum = 0;
        var w = Weights;
        foreach (var f in features)
        {
            sum += w[f];
        }

        // Features are binary and L2-normalised per text, so long and short texts weigh the same.
        return features.Length == 0 ? 0 : sum / Math.Sqrt(features.Length);
    }

    public double Combine(double lexicon, double cues, double model) =>
        (LexiconWeight * lexicon) + (CueWeight * cues) + (ModelWeight * model) + Bias;

    public void Write(Stream stream)
    {
        var nonZero = 0;
        foreach (var w in Weights)
        {
            if (w != 0)
            {
                nonZero++;
            }
        }

        var buffer = new byte[28 + (nonZero * 8)];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], HashedFeatures.Bits);
        BinaryPrimitives.WriteSingleLittleEndian(span[12..], LexiconWeight);
        BinaryPrimitives.WriteSingleLittleEndian(span[16..], CueWeight);
        BinaryPrimitives.WriteSingleLittleEndian(span[20..], ModelWeight);
        BinaryPrimitives.WriteSingleLittleEndian(span[24..], Bias);
        var at = 28;
        for (var i = 0; i < Weights.Length; i++)
        {
            if (Weights[i] != 0)
            {
                BinaryPrimitives.WriteInt32LittleEndian(span[at..], i);
                BinaryPrimitives.WriteSingleLittleEndian(span[(at + 4)..], Weights[i]);
                at += 8;
            }
        }

        stream.Write(buffer);
    }

    public static LinearModel Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 28 || BinaryPrimitives.ReadUInt32LittleEndian(data) != Magic)
        {
            throw new InvalidDataException("not a Webcare triage model (bad magic number)");
        }

        if (BinaryPrimitives.ReadInt32LittleEndian(data[4..]) != Version || BinaryPrimitives.ReadInt32LittleEndian(data[8..]) != HashedFeatures.Bits)
        {
            throw new InvalidDataException("model version or feature size does not match this build; run `webcare train` again");
        }

        var weights = new float[1 << HashedFeatures.Bits];
        var lexicon = BinaryPrimitives.ReadSingleLittleEndian(data[12..]);
        var cues = BinaryPrimitives.ReadSingleLittleEndian(data[16..]);
        var model = BinaryPrimitives.ReadSingleLittleEndian(data[20..]);
        var bias = BinaryPrimitives.ReadSingleLittleEndian(data[24..]);
        for (var at = 28; at + 8 <= data.Length; at += 8)
        {
            var index = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
            if ((uint)index >= (uint)weights.Length)
            {
                throw new InvalidDataException("model weight index out of range");
            }

            weights[index] = BinaryPrimitives.ReadSingleLittleEndian(data[(at + 4)..]);
        }

        return new LinearModel(weights, lexicon, cues, model, bias);
    }
}
