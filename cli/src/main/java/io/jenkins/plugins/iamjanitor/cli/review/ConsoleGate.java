package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.review.ConfirmationGate;
import io.jenkins.plugins.iamjanitor.core.review.GateDecision;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.stream.Collectors;

/** The CLI's second gate ({@code --confirm}): asks on the terminal before anything is deleted. Only "yes" proceeds. */
public final class ConsoleGate implements ConfirmationGate {
    private final BufferedReader in;
    private final PrintWriter err;
    private final String who;
    private final Clock clock;

    public ConsoleGate(BufferedReader in, PrintWriter err, String who, Clock clock) {
        this.in = in;
        this.err = err;
        this.who = who;
        this.clock = clock;
    }

    @Override
    public GateDecision confirm(ReviewRecord record) {
        String users = record.approvedCandidates().stream().map(UserDecision::userName)
                .collect(Collectors.joining(", "));
        err.printf("%s %s in account %s: %s%nType 'yes' to proceed: ", record.dryRun() ? "Plan the deletion of"
                : "Delete", record.approvedCandidates().size() + " user(s)", record.accountId(), users);
        err.flush();
        try {
            String answer = in.readLine();
            boolean yes = answer != null && answer.trim().equalsIgnoreCase("yes");
            return new GateDecision(yes, who, clock.instant(), yes ? null
                    : answer == null ? "no answer (end of input)" : "answered '" + answer.trim() + "'");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the confirmation: " + e.getMessage(), e);
        }
    }
}
