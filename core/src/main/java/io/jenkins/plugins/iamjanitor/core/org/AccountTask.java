package io.jenkins.plugins.iamjanitor.core.org;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;

/** The work done in one account (a scan, a review); it gets that account's own credentials and nothing else. */
@FunctionalInterface
public interface AccountTask<T> {

    /**
     * @param progress lines already prefixed with the account, safe to call from any thread
     */
    T run(OrgAccount account, ProgressListener progress) throws Exception;
}
