package io.jenkins.plugins.iamjanitor.core.scan;

import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Every user's verdict from one scan.
 *
 * @param threshold the policy's inactivity threshold the verdicts were made with; null when not known
 */
public record ScanResult(Instant scannedAt, List<Verdict> verdicts, Duration threshold) {
    public ScanResult {
        verdicts = List.copyOf(verdicts);
    }

    public ScanResult(Instant scannedAt, List<Verdict> verdicts) {
        this(scannedAt, verdicts, null);
    }

    public List<Verdict> flagged() {
        return verdicts.stream().filter(Verdict::flagged).toList();
    }
}
