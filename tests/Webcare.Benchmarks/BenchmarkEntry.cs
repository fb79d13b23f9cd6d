using BenchmarkDotNet.Running;

namespace Webcare.Benchmarks;

/// <summary>Entry point; the benchmarks are the public classes in this assembly.</summary>
public static class BenchmarkEntry
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
}
