package io.jenkins.plugins.iamjanitor.core.deletion;

/**
 * Stamps the approver into CloudTrail: deletions made under an assumed role carry the STS session name in every
 * event's {@code userIdentity.arn}, so the session is named after the approver.
 */
public final class ApproverSession {
    public static final String PREFIX = "iam-janitor-";
    /** STS limit on RoleSessionName. */
    public static final int MAX_LENGTH = 64;

    private ApproverSession() {
    }

    /**
     * {@code iam-janitor-<approver>}, reduced to what STS accepts ({@code [\w+=,.@-]}, 2..64 characters): other
     * characters become '-', and the result is cut at 64.
     */
    public static String sessionName(String approverId) {
        StringBuilder name = new StringBuilder(PREFIX);
        String id = approverId == null || approverId.isBlank() ? "unknown" : approverId.trim();
        for (int i = 0; i < id.length() && name.length() < MAX_LENGTH; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_+=,.@-".indexOf(c) >= 0;
            name.append(ok ? c : '-');
        }
        return name.toString();
    }
}
