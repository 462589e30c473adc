package io.jenkins.plugins.iamjanitor.core.port;

/**
 * A failure talking to an external system, already reduced to one clear line: which system, which call, which
 * error code. Adapters throw it (after their own retries) so that callers never see SDK or HTTP types. The message
 * must never contain secrets.
 */
public class ServiceException extends RuntimeException {
    private final String service;
    private final String operation;
    private final String errorCode;

    public ServiceException(String service, String operation, String errorCode, String message, Throwable cause) {
        super(service + " " + operation + " failed" + (errorCode == null ? "" : " (" + errorCode + ")") + ": " + message,
                cause);
        this.service = service;
        this.operation = operation;
        this.errorCode = errorCode;
    }

    public ServiceException(String service, String operation, String errorCode, String message) {
        this(service, operation, errorCode, message, null);
    }

    public String service() {
        return service;
    }

    public String operation() {
        return operation;
    }

    /** The remote error code (e.g. {@code NoSuchEntity}, {@code ThrottlingException}, HTTP status); may be null. */
    public String errorCode() {
        return errorCode;
    }
}
