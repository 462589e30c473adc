package io.jenkins.plugins.iamjanitor.core.scan;

import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;

/** Lists every user, evaluates each, and fetches tags and groups only for would-be candidates. Read-only. */
public final class InactivityScanner {
    private final IamDirectory directory;
    private final InactivityPolicy policy;

    public InactivityScanner(IamDirectory directory, InactivityPolicy policy) {
        this.directory = directory;
        this.policy = policy;
    }

    public ScanResult scan(ProgressListener progress) {
        throw new UnsupportedOperationException("not implemented yet (issue 2)");
    }
}
