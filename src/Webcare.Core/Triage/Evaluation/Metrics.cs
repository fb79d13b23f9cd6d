namespace Webcare.Core.Triage.Evaluation;

/// <summary>Binary counts for one class with the usual derived figures.</summary>
public sealed class BinaryCounts
{
    public int TruePositive { get; private set; }

    public int FalsePositive { get; private set; }

    public int TrueNegative { get; private set; }

    public int FalseNegative { get; private set; }

    public int N => TruePositive + FalsePositive + TrueNegative + FalseNegative;

    public double Precision => TruePositive + FalsePositive == 0 ? 0 : (double)TruePositive / (TruePositive + FalsePositive);

    public double Recall => TruePositive + FalseNegative == 0 ? 0 : (double)TruePositive / (TruePositive + FalseNegative);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public double Accuracy => N == 0 ? 0 : (double)(TruePositive + TrueNegative) / N;

    public void Add(bool actual, bool predicted)
    {
        if (actual && predicted)
        {
            TruePositive++;
        }
        else if (!actual && predicted)
        {
            FalsePositive++;
        }
        else if (actual)
        {
            FalseNegative++;
        }
        else
        {
            TrueNegative++;
        }
    }
}
