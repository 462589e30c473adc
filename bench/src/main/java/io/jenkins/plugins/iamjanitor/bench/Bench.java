package io.jenkins.plugins.iamjanitor.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness: {@code java -jar bench/target/iam-janitor-bench.jar <benchmark> [--option value ...]}.
 * Every benchmark runs against the sandbox emulators, prints its progress to stderr and a table to stdout, and can
 * write the same table as Markdown ({@code --markdown FILE}) for docs/performance.md. Benchmarks are listed in
 * {@link #standard()}.
 */
public final class Bench {
    private final Map<String, Benchmark> benchmarks = new LinkedHashMap<>();

    Bench(List<Benchmark> all) {
        all.forEach(b -> benchmarks.put(b.name(), b));
    }

    static Bench standard() {
        return new Bench(List.of(new CloudTrailBenchmark(), new IamScanBenchmark(), new ScanBenchmark(),
                new DeleteBenchmark(), new MemoryBenchmark(), new SoakBenchmark(), new OrgScanBenchmark()));
    }

    public static void main(String[] argv) {
        System.exit(standard().run(argv, System.out, System.err));
    }

    int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            usage(argv.length == 0 ? err : out);
            return argv.length == 0 ? 2 : 0;
        }
        Benchmark benchmark = benchmarks.get(argv[0]);
        if (benchmark == null) {
            err.println("unknown benchmark '" + argv[0] + "'");
            usage(err);
            return 2;
        }
        try {
            BenchArgs args = BenchArgs.parse(java.util.Arrays.copyOfRange(argv, 1, argv.length));
            benchmark.run(args, out, err);
            args.checkAllUsed();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(benchmark.name() + ": " + e.getMessage());
            err.println("usage: " + benchmark.usage());
            return 2;
        } catch (Exception e) {
            err.println(benchmark.name() + " failed: " + e);
            return 1;
        }
    }

    private void usage(PrintStream out) {
        out.println("usage: java -jar iam-janitor-bench.jar <benchmark> [--option value ...]");
        benchmarks.values().forEach(b -> out.println("  " + b.usage()));
    }
}
