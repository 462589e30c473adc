package io.jenkins.plugins.iamjanitor.integrations.aws.org;

import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns what the SDK could not retry into a one-line {@link ServiceException} naming the service and call. */
final class OrgCalls {
    private OrgCalls() {
    }

    static <T> T call(String service, String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(service, operation, e);
        }
    }

    /** The AWS error may come wrapped (a credentials provider wraps STS's answer): the first in the chain counts. */
    static ServiceException translate(String service, String operation, SdkException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
                return new ServiceException(service, operation, aws.awsErrorDetails().errorCode(),
                        firstLine(aws.awsErrorDetails().errorMessage()) + " (HTTP " + aws.statusCode() + ")", e);
            }
        }
        return new ServiceException(service, operation, null, firstLine(e.getMessage()), e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
