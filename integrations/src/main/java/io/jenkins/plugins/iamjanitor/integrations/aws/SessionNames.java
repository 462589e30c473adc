package io.jenkins.plugins.iamjanitor.integrations.aws;

/** STS role session names: 2 to 64 characters of {@code [\w+=,.@-]}. */
public final class SessionNames {
    private static final int MAX = 64;

    private SessionNames() {
    }

    /** Replaces every character STS refuses with '-', truncates to 64 and pads names shorter than 2. */
    public static String sanitise(String raw) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length() && sb.length() < MAX; i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_+=,.@-".indexOf(c) >= 0;
            sb.append(ok ? c : '-');
        }
        while (sb.length() < 2) {
            sb.append('-');
        }
        return sb.toString();
    }

    /** {@code iam-janitor-<who>}, for the runner or the approver that a deletion run acts for. */
    public static String forRunner(String who) {
        return sanitise("iam-janitor-" + (who == null || who.isBlank() ? "unknown" : who.strip()));
    }
}
