package io.jenkins.plugins.iamjanitor.sandbox.iam;

import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.AccessKey;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.Certificate;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.User;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The credential report life cycle as AWS runs it: GenerateCredentialReport starts a job (STARTED), the job is
 * INPROGRESS for a configurable number of polls, then COMPLETE; the CSV is a snapshot taken when the job completes
 * and it expires after four hours (ReportExpired). GetCredentialReport before any job gives ReportNotPresent.
 */
public final class CredentialReports {
    public static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
            + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
            + "cert_2_active,cert_2_last_rotated";
    static final Duration MAX_AGE = Duration.ofHours(4);
    /** AWS has no last-use data for console sign-ins before this date and says {@code no_information}. */
    static final Instant TRACKING_START = Instant.parse("2014-10-20T00:00:00Z");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    public enum State { STARTED, INPROGRESS, COMPLETE }

    /** A finished report. */
    public record Report(String csv, Instant generated) {
    }

    private final IamState state;
    private int pollsUntilComplete = 1;
    private int pollsLeft = -1;
    private Report report;
    private String override;

    CredentialReports(IamState state) {
        this.state = state;
    }

    /** How many GenerateCredentialReport/GetCredentialReport calls answer "in progress" before the report is done. */
    public void setPollsUntilComplete(int polls) {
        synchronized (state) {
            this.pollsUntilComplete = Math.max(0, polls);
        }
    }

    /** Makes the current report older than four hours, so the next GetCredentialReport says ReportExpired. */
    public void expire() {
        synchronized (state) {
            if (report != null) {
                report = new Report(report.csv(), state.now().minus(MAX_AGE).minusSeconds(60));
            }
        }
    }

    /** Serves this text instead of the real report (tests of malformed content); null restores normal behaviour. */
    public void overrideContent(String csv) {
        synchronized (state) {
            this.override = csv;
        }
    }

    State generate() {
        synchronized (state) {
            if (report != null && !expired()) {
                return State.COMPLETE;
            }
            if (pollsLeft < 0) {
                report = null;
                pollsLeft = pollsUntilComplete;
                if (pollsLeft == 0) {
                    finish();
                }
                return State.STARTED;
            }
            return tick() ? State.COMPLETE : State.INPROGRESS;
        }
    }

    Report get() {
        synchronized (state) {
            if (report == null && pollsLeft < 0) {
                throw new IamError("ReportNotPresent", 410, "Sender",
                        "Credential report not present. Use GenerateCredentialReport to generate a report.");
            }
            if (report == null && !tick()) {
                throw new IamError("ReportInProgress", 404, "Sender", "Report is being generated.");
            }
            if (expired()) {
                throw new IamError("ReportExpired", 410, "Sender",
                        "Credential report expired. Use GenerateCredentialReport to generate a new report.");
            }
            return override == null ? report : new Report(override, report.generated());
        }
    }

    private boolean expired() {
        return report != null && report.generated().plus(MAX_AGE).isBefore(state.now());
    }

    private boolean tick() {
        if (--pollsLeft <= 0) {
            finish();
            return true;
        }
        return false;
    }

    private void finish() {
        pollsLeft = -1;
        report = new Report(csv(), state.now());
    }

    /** The CSV a report generated now would hold (tests derive malformed variants from it). */
    public String csvNow() {
        synchronized (state) {
            return csv();
        }
    }

    /** The CSV in AWS's column order, root account first. */
    String csv() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        Instant now = state.now();
        String root = String.join(",", "<root_account>", "arn:aws:iam::" + state.accountId() + ":root",
                date(now.minus(Duration.ofDays(2000))), "not_supported", "no_information", "not_supported",
                "not_supported", "true", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A",
                "false", "N/A", "false", "N/A");
        sb.append(root).append('\n');
        for (User u : state.users()) {
            sb.append(row(u)).append('\n');
        }
        return sb.toString();
    }

    private String row(User u) {
        List<String> cols = new ArrayList<>();
        cols.add(u.name);
        cols.add(u.arn);
        cols.add(date(u.created));
        cols.add(String.valueOf(u.loginProfile != null));
        cols.add(u.passwordLastUsed == null ? "N/A"
                : u.passwordLastUsed.isBefore(TRACKING_START) ? "no_information" : date(u.passwordLastUsed));
        cols.add(u.loginProfile == null ? "N/A" : date(u.loginProfile.created));
        cols.add("N/A");
        cols.add(String.valueOf(!u.mfaSerials.isEmpty()));
        List<AccessKey> keys = new ArrayList<>(u.accessKeys);
        keys.sort(Comparator.comparing(k -> k.created));
        for (int slot = 0; slot < 2; slot++) {
            AccessKey k = slot < keys.size() ? keys.get(slot) : null;
            cols.add(String.valueOf(k != null && "Active".equals(k.status)));
            cols.add(k == null ? "N/A" : date(k.created));
            cols.add(k == null || k.lastUsed == null ? "N/A" : date(k.lastUsed));
            cols.add(k == null || k.lastUsedRegion == null ? "N/A" : k.lastUsedRegion);
            cols.add(k == null || k.lastUsedService == null ? "N/A" : k.lastUsedService);
        }
        for (int slot = 0; slot < 2; slot++) {
            Certificate c = slot < u.certificates.size() ? u.certificates.get(slot) : null;
            cols.add(String.valueOf(c != null && "Active".equals(c.status)));
            cols.add(c == null ? "N/A" : date(c.uploaded));
        }
        return String.join(",", cols);
    }

    static String date(Instant instant) {
        return DATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
