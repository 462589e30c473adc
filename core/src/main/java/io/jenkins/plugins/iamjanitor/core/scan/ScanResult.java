package io.jenkins.plugins.iamjanitor.core.scan;

import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import java.time.Instant;
import java.util.List;

/** Every user's verdict from one scan. */
public record ScanResult(Instant scannedAt, List<Verdict> verdicts) {
    public ScanResult {
        verdicts = List.copyOf(verdicts);
    }

    public List<Verdict> flagged() {
        return verdicts.stream().filter(Verdict::flagged).toList();
    }
}
