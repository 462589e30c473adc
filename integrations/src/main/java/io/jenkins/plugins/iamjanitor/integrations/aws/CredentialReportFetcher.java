package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;

/**
 * Gets a credential report: GetCredentialReport first (a report under four hours old is served as is); on
 * ReportNotPresent or ReportExpired, GenerateCredentialReport and poll with exponential backoff; on ReportInProgress,
 * poll. Gives up after {@code maxPolls} with a ServiceException.
 */
final class CredentialReportFetcher {
    record Report(String csv, Instant generated) {
    }

    private static final int MAX_GENERATIONS = 3;
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final IamClient iam;
    private final int maxPolls;
    private final Duration firstDelay;
    private final Sleeper sleeper;

    CredentialReportFetcher(IamClient iam, int maxPolls, Duration firstDelay, Sleeper sleeper) {
        this.iam = iam;
        this.maxPolls = maxPolls;
        this.firstDelay = firstDelay;
        this.sleeper = sleeper;
    }

    Report fetch(ProgressListener progress) {
        int generations = 0;
        Duration delay = firstDelay;
        for (int poll = 1; poll <= maxPolls; poll++) {
            String code;
            try {
                GetCredentialReportResponse r = iam.getCredentialReport();
                String csv = r.content().asString(StandardCharsets.UTF_8);
                return new Report(csv, r.generatedTime());
            } catch (SdkException e) {
                code = AwsCalls.errorCode(e);
                if (!"ReportNotPresent".equals(code) && !"ReportExpired".equals(code)
                        && !"ReportInProgress".equals(code)) {
                    throw AwsCalls.translate("GetCredentialReport", e);
                }
            }
            if (!"ReportInProgress".equals(code)) {
                if (++generations > MAX_GENERATIONS) {
                    throw new ServiceException(AwsCalls.IAM, "GetCredentialReport", code,
                            "the credential report was still " + code + " after " + MAX_GENERATIONS
                                    + " generations");
                }
                progress.progress("IAM: credential report " + ("ReportExpired".equals(code) ? "expired" : "absent")
                        + ", generating a new one");
                String state = AwsCalls.call("GenerateCredentialReport",
                        () -> iam.generateCredentialReport().stateAsString());
                if ("COMPLETE".equals(state)) {
                    continue;
                }
            } else {
                progress.progress("IAM: credential report in progress (poll " + poll + "/" + maxPolls + ")");
            }
            sleep(delay);
            delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
        }
        throw new ServiceException(AwsCalls.IAM, "GetCredentialReport", "ReportInProgress",
                "the credential report was not ready after " + maxPolls + " polls");
    }

    /**
     * Asks for a fresh report (a report older than four hours is not served by AWS, but some emulators serve it)
     * and fetches whatever is then available.
     */
    Report regenerate(ProgressListener progress) {
        AwsCalls.call("GenerateCredentialReport", () -> iam.generateCredentialReport().stateAsString());
        return fetch(progress);
    }

    private void sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(AwsCalls.IAM, "GetCredentialReport", null, "interrupted while waiting", e);
        }
    }
}
