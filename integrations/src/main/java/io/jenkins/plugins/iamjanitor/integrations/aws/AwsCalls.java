package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.core.deletion.DeleteConflictException;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one SDK call (the SDK has already retried throttling, 5xx and I/O errors) and turns what is left into a
 * one-line {@link ServiceException} naming the call and the AWS error code. Never leaks SDK types to callers.
 */
final class AwsCalls {
    static final String IAM = "IAM";

    private AwsCalls() {
    }

    static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(operation, e);
        }
    }

    static ServiceException translate(String operation, SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = aws.awsErrorDetails().errorCode();
            String message = firstLine(aws.awsErrorDetails().errorMessage());
            if ("DeleteConflict".equals(code)) {
                return new DeleteConflictException(operation, message);
            }
            return new ServiceException(IAM, operation, code,
                    message + " (HTTP " + aws.statusCode() + ", request " + aws.requestId() + ")", e);
        }
        return new ServiceException(IAM, operation, null, firstLine(e.getMessage()), e);
    }

    /** The AWS error code of an SDK failure, or null for client-side (network) failures. */
    static String errorCode(SdkException e) {
        return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorCode() : null;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
