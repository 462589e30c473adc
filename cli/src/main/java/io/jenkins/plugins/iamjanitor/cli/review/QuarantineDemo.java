package io.jenkins.plugins.iamjanitor.cli.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineRelease;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSweep;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.UserStage;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The demo's epilogue: the same approval ending in a quarantine instead of a deletion. The sandbox re-seeds one user of
 * the scenario as it was, a second review quarantines it, a forgotten job's call with the deactivated key is refused
 * and lands in CloudTrail, the next run reports the user as "wanted back?", and a release restores it.
 */
public final class QuarantineDemo {
    private final SandboxReviewServices services;
    private final PrintWriter out;
    private final ProgressListener progress;

    public QuarantineDemo(SandboxReviewServices services, PrintWriter out, ProgressListener progress) {
        this.services = services;
        this.out = out;
        this.progress = progress;
    }

    /**
     * @param runner a runner with {@code --action quarantine} on the same sandbox, state and report directories
     * @return the user's last result, empty when the scenario has no user with an active access key to show
     */
    public Optional<DeletionResult> run(ReviewRunner runner, List<String> approvedBefore) {
        Optional<JsonNode> user = pick(approvedBefore);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String name = user.get().path("name").asText();
        String key = user.get().path("accessKeys").get(0).path("id").asText();
        services.sandbox().iam().seed("{\"users\":[" + user.get() + "]}");
        step("Quarantine instead of delete", "Disable first, delete later: the sandbox re-seeds " + name + " as the"
                + " scenario had it, and a second review runs with --action quarantine. The approver approves it again;"
                + " this time its keys are deactivated, its console password removed, a deny-all policy attached and"
                + " it is tagged. Nothing is deleted.");
        ReviewRecord r = runner.run(progress, ReviewObserver.NONE, null);
        DeletionResult q = r.deletionFor(name).orElseThrow();
        UserSnapshot s = services.admin().snapshot(name).orElseThrow();
        details(name + ": " + q.status() + " (" + q.reason() + ")",
                "stage: " + UserStage.of(r, name).describe(),
                "calls: " + String.join(", ", q.quarantine().calls()),
                "tags now: " + String.join(", ", s.tags().stream().map(t -> t.key() + "=" + t.value()).toList()),
                "backup " + q.backupFile());

        step("Something still needs it", "A forgotten job calls AWS with " + name + "'s key " + key + ": IAM refuses"
                + " the deactivated key, and CloudTrail records the refused call.");
        details("the job got: " + refusedCall(key, name));

        QuarantineSweep.Outcome sweep = runner.sweep(progress).stream().filter(o -> o.userName().equals(name))
                .findFirst().orElseThrow();
        step("Wanted back?", "The next run checks every quarantined user before its " + q.quarantine().deleteAfter()
                .toString().substring(0, 10) + " deletion date: the refused call is a sign of life, so " + name
                + " is not deleted; the approvers get the evidence on " + r.ticket().key() + " and in Slack.");
        details(sweep.line());
        runner.store().load(r.reviewId()).flatMap(x -> x.deletionFor(name))
                .ifPresent(d -> details(d.quarantine().signs().toArray(String[]::new)));

        QuarantineRelease.Outcome released = runner.release(name, "demo:owner", null, progress);
        step("Release", "The owner wants it back: release restores it from the backup taken before the quarantine.");
        details(released.calls().toArray(String[]::new));
        released.notes().forEach(n -> details("note: " + n));
        details("the job's next call: " + (refusedCall(key, name).equals("accepted") ? "accepted, the key works again"
                : "still refused"));
        return runner.store().load(r.reviewId()).flatMap(x -> x.deletionFor(name))
                .filter(d -> d.status() == DeletionStatus.RELEASED);
    }

    /** The first user approved before whose scenario entry has an active access key with a fixed id. */
    private Optional<JsonNode> pick(List<String> approvedBefore) {
        for (JsonNode u : services.scenario().section("iam").path("users")) {
            JsonNode k = u.path("accessKeys").path(0);
            if (approvedBefore.contains(u.path("name").asText()) && k.hasNonNull("id")
                    && "Active".equals(k.path("status").asText()) && u.path("accessKeys").size() == 1
                    && services.directory().fetchLive(u.path("name").asText()).isEmpty()) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /** A call signed with the user's own key, through the real SDK; "accepted" or AWS's error code. */
    private String refusedCall(String key, String user) {
        try (AwsClients clients = new AwsClients(new AwsSettings(null, services.sandbox().iamEndpoint(), null,
                new AwsCredentialsSource.Static(key, "demo-not-a-secret", null), 1, Duration.ofMillis(10), null))) {
            clients.iam().getUser(b -> b.userName(user));
            return "accepted";
        } catch (AwsServiceException e) {
            return e.awsErrorDetails().errorCode() + " (" + e.awsErrorDetails().errorMessage() + ")";
        }
    }

    private void step(String title, String text) {
        out.println();
        out.println("== " + title + " ==");
        out.println(text);
        out.flush();
    }

    private void details(String... lines) {
        for (String l : lines) {
            out.println("   - " + l);
        }
        out.flush();
    }
}
