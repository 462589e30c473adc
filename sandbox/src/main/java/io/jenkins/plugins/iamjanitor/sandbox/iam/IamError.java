package io.jenkins.plugins.iamjanitor.sandbox.iam;

/** An AWS error answer: code, HTTP status and fault type (Sender for caller mistakes, Receiver for server faults). */
public final class IamError extends RuntimeException {
    private final String code;
    private final int status;
    private final String type;

    public IamError(String code, int status, String type, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.type = type;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public static IamError noSuchEntity(String message) {
        return new IamError("NoSuchEntity", 404, "Sender", message);
    }

    public static IamError noSuchUser(String userName) {
        return noSuchEntity("The user with name " + userName + " cannot be found.");
    }

    public static IamError deleteConflict(String message) {
        return new IamError("DeleteConflict", 409, "Sender", message);
    }

    public static IamError alreadyExists(String message) {
        return new IamError("EntityAlreadyExists", 409, "Sender", message);
    }

    public static IamError validation(String message) {
        return new IamError("ValidationError", 400, "Sender", message);
    }

    /** What IAM answers when the caller's policy does not allow the action. */
    public static IamError accessDenied(String accountId, String action) {
        return new IamError("AccessDenied", 403, "Sender", "User: arn:aws:iam::" + accountId
                + ":user/sandbox-operator is not authorized to perform: iam:" + action + " on resource: *"
                + " because no identity-based policy allows the iam:" + action + " action");
    }

    public static IamError throttling() {
        return new IamError("Throttling", 400, "Sender", "Rate exceeded");
    }

    public static IamError serviceFailure() {
        return new IamError("ServiceFailure", 500, "Receiver",
                "Request processing has failed due to some unknown error, exception or failure.");
    }

    public static IamError serviceUnavailable() {
        return new IamError("ServiceUnavailable", 503, "Receiver", "Service is unavailable.");
    }
}
