package io.jenkins.plugins.iamjanitor.core.quarantine;

/** What a quarantine leaves on the user: the tool's tags and its deny-all inline policy. */
public final class QuarantineMarks {
    public static final String QUARANTINED_AT_TAG = "iam-janitor:quarantined-at";
    public static final String REVIEW_TAG = "iam-janitor:review";
    /** Named for the tool, so that anyone looking at the user in the console knows who put it there. */
    public static final String DENY_POLICY_NAME = "iam-janitor-quarantine-deny-all";
    public static final String DENY_ALL_DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
            + "\"IamJanitorQuarantine\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private QuarantineMarks() {
    }

    /** Whether the document is ours, ignoring whitespace (IAM may hand it back re-formatted). */
    public static boolean isDenyAll(String document) {
        return document != null && document.replaceAll("\\s", "").equals(DENY_ALL_DOCUMENT);
    }
}
