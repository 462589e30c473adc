package io.jenkins.plugins.iamjanitor.bench;

import io.jenkins.plugins.iamjanitor.bench.iam.IamRig;
import io.jenkins.plugins.iamjanitor.bench.iam.Population;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Peak heap of a scan of N users, measured in a fresh JVM ({@link MemoryProbe}) so that nothing else shares its heap:
 * the emulator holding the account lives in this process. Three figures: the largest heap occupancy right after any
 * garbage collection (the live set at its peak, from GC notifications), the sum of the heap pools' peak usage (an
 * upper bound: pools peak at different moments, and it includes garbage not yet collected), and the heap still in use
 * after the scan with its result held (after an explicit full GC).
 */
final class MemoryBenchmark implements Benchmark {
    static final List<String> HEADERS = List.of("users", "path", "-Xmx", "flagged", "GCs", "peak live heap MB",
            "peak pool usage MB", "retained after scan MB", "wall s");

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String usage() {
        return "memory [--users 20000] [--path report] [--xmx 256m] [--inactive 0.05] [--seed 42] [--markdown FILE]";
    }

    @Override
    public void run(BenchArgs args, PrintStream out, PrintStream log) throws Exception {
        List<Integer> sizes = args.integers("users", "20000");
        List<String> paths = args.list("path", "report");
        String xmx = args.string("xmx", "256m");
        double inactive = args.decimal("inactive", 0.05);
        long seed = args.integer("seed", 42);
        String markdown = args.string("markdown", null);
        Table table = new Table(HEADERS);
        for (int users : sizes) {
            for (String path : paths) {
                Map<String, String> r = measure(users, path, xmx, inactive, seed, log);
                table.row(users, path, xmx, r.get("flagged"), r.get("gcs"), mb(r.get("maxAfterGc")),
                        mb(r.get("peakPools")), mb(r.get("retained")), r.get("wall"));
            }
        }
        out.print(table.text());
        if (markdown != null) {
            Files.writeString(Path.of(markdown), table.markdown());
            log.println("memory: table written to " + markdown);
        }
    }

    static Map<String, String> measure(int users, String path, String xmx, double inactive, long seed,
            PrintStream log) throws Exception {
        try (IamRig rig = new IamRig(FaultPlan.none(), null)) {
            new Population(rig.state(), seed).scanUsers("bench.user", users, inactive);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + xmx,
                    "-cp", System.getProperty("java.class.path"), MemoryProbe.class.getName(),
                    rig.endpoint().toString(), Integer.toString(users), path));
            log.println("memory: " + users + " users, " + path + " path, child JVM -Xmx" + xmx);
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String result = null;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("RESULT ")) {
                        result = line;
                    }
                }
            }
            if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0 || result == null) {
                child.destroyForcibly();
                throw new IllegalStateException("the memory probe failed (exit " + (child.isAlive() ? "timeout"
                        : child.exitValue()) + ")");
            }
            Map<String, String> values = new HashMap<>();
            for (String pair : result.substring(7).split(" ")) {
                String[] kv = pair.split("=", 2);
                values.put(kv[0], kv[1]);
            }
            log.println("memory: " + result);
            return values;
        }
    }

    private static String mb(String bytes) {
        return String.format(Locale.ROOT, "%.1f", Long.parseLong(bytes) / (1024.0 * 1024.0));
    }
}
