package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStep;
import io.jenkins.plugins.iamjanitor.core.deletion.StepResult;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory IAM account behind the two IAM ports, for step-glue tests (the AWS adapter itself is tested against
 * the IAM emulator in the integrations module). Users: alice (key idle 40 days), bob (key used 2 days ago),
 * carol (idle, but tagged exempt).
 */
final class FakeIam implements IamDirectory, IamUserAdmin {
    final Map<String, IamUser> users = new LinkedHashMap<>();
    final List<String> applied = new ArrayList<>();

    FakeIam() {
        add(user("alice", 40, List.of()));
        add(user("bob", 2, List.of()));
        add(user("carol", 60, List.of(new Tag("iam-janitor:exempt", "yes"))));
    }

    static IamUser user(String name, int daysSinceKeyUse, List<Tag> tags) {
        Instant now = FakeServices.NOW;
        AccessKey key = new AccessKey("AKIA" + name.toUpperCase() + "0000000001", 0, CredentialStatus.ACTIVE,
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(daysSinceKeyUse)), "s3", "us-east-1");
        return new IamUser(name, "AIDA" + name.toUpperCase(), "arn:aws:iam::123456789012:user/" + name, "/",
                now.minus(Duration.ofDays(500)), tags, List.of(), null, List.of(key), null, null, null, null);
    }

    void add(IamUser u) {
        users.put(u.userName(), u);
    }

    @Override
    public List<IamUser> listUsers(ProgressListener progress) {
        progress.progress("listed " + users.size() + " users");
        return List.copyOf(users.values());
    }

    @Override
    public IamUser withDetails(IamUser user) {
        return users.get(user.userName());
    }

    @Override
    public Optional<IamUser> fetchLive(String userName) {
        return Optional.ofNullable(users.get(userName));
    }

    @Override
    public Optional<UserSnapshot> snapshot(String userName) {
        IamUser u = users.get(userName);
        if (u == null) {
            return Optional.empty();
        }
        return Optional.of(new UserSnapshot(u.userName(), u.userId(), u.arn(), u.path(), u.createDate(), u.tags(),
                null, List.of("developers"), List.of(), Map.of(), false, u.accessKeys(), List.of(), List.of(),
                List.of(), List.of()));
    }

    @Override
    public StepResult apply(DeletionStep step) {
        applied.add(step.describe());
        if (step.action() == io.jenkins.plugins.iamjanitor.core.deletion.DeletionAction.DELETE_USER) {
            users.remove(step.userName());
        }
        return StepResult.DONE;
    }

    @Override
    public List<String> restore(UserSnapshot snapshot) {
        throw new UnsupportedOperationException("not used by the steps");
    }
}
