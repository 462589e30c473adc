package io.jenkins.plugins.iamjanitor.bench.soak;

import io.jenkins.plugins.iamjanitor.bench.iam.IamRig;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStatus;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.integrations.review.JsonReviewStore;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.AccessKey;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.User;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the review kill soak checks at the end, and the users it brings back to life mid-run. */
final class ReviewSoakChecks {
    private ReviewSoakChecks() {
    }

    /**
     * Each deleted user's backup against the user as it was before the review, component by component (names the
     * differing fields): a crash must neither lose a backup nor replace it with the thinner state of a half-deleted
     * user.
     */
    static List<String> backups(Map<String, UserSnapshot> before, Set<String> deleted, Path dir) {
        List<String> out = new ArrayList<>();
        JsonBackupStore store = new JsonBackupStore(dir, Clock.systemUTC());
        Map<String, UserSnapshot> backedUpByName = new java.util.HashMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                UserSnapshot s = store.read(f.toString()).snapshot();
                backedUpByName.putIfAbsent(s.userName(), s);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String name : deleted) {
            UserSnapshot backedUp = backedUpByName.get(name);
            if (backedUp == null) {
                out.add(name + ": deleted without a backup");
                continue;
            }
            List<String> differing = new ArrayList<>();
            for (RecordComponent c : UserSnapshot.class.getRecordComponents()) {
                try {
                    Object was = c.getAccessor().invoke(before.get(name));
                    Object kept = c.getAccessor().invoke(backedUp);
                    if (!Objects.equals(was, kept)) {
                        differing.add(c.getName());
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (!differing.isEmpty()) {
                out.add(name + ": backup differs from the user before deletion in " + differing);
            }
        }
        return out;
    }

    /** The review record tells the truth: completed, the deleted users DELETED with their backup, the revived KEPT. */
    static List<String> record(Path stateDir, Path file, List<String> approved, Set<String> deleted,
            List<String> revived) {
        List<String> out = new ArrayList<>();
        String id = file.getFileName().toString().replace(".review.json", "");
        ReviewRecord r = new JsonReviewStore(stateDir).load(id).orElseThrow();
        if (r.status() != ReviewStatus.COMPLETED) {
            out.add("review " + id + " is " + r.status() + " at " + r.stage());
        }
        for (String name : approved) {
            List<DeletionResult> results = r.deletions().stream().filter(d -> d.userName().equals(name)).toList();
            if (results.size() != 1) {
                out.add(name + ": " + results.size() + " results in the review record");
                continue;
            }
            DeletionResult d = results.get(0);
            if (deleted.contains(name) && (d.status() != DeletionStatus.DELETED || d.backupFile() == null
                    || !Files.exists(Path.of(d.backupFile())))) {
                out.add(name + ": gone, but recorded as " + d.status() + " with backup " + d.backupFile());
            }
            if (!deleted.contains(name) && d.status() == DeletionStatus.DELETED) {
                out.add(name + ": recorded as DELETED but still exists");
            }
            if (revived.contains(name) && d.status() != DeletionStatus.KEPT) {
                out.add(name + ": came back to life mid-run but recorded as " + d.status());
            }
        }
        return out;
    }

    /**
     * Once deletion has started: the first revived user uploads an SSH key, the second gets a CodeCommit credential,
     * the third uses its access key (or gets a new one). IAM records no last use for the first two.
     */
    static final class Revival {
        private final IamRig rig;
        private final List<String> users;
        private final AtomicBoolean done = new AtomicBoolean();

        Revival(IamRig rig, List<String> users) {
            this.rig = rig;
            this.users = List.copyOf(users);
        }

        void onFirstMutation() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            rig.state().locked(s -> {
                User ssh = s.user(users.get(0));
                s.addSshKey(ssh, null, "Active", s.now());
                User codeCommit = s.user(users.get(1));
                s.addServiceCredential(codeCommit, "codecommit.amazonaws.com", "Active", s.now());
                User used = s.user(users.get(2));
                AccessKey key = used.accessKeys.stream().filter(k -> "Active".equals(k.status)).findFirst()
                        .orElse(null);
                if (key == null) {
                    s.addAccessKey(used, null, "Active", s.now());
                } else {
                    key.lastUsed = s.now();
                    key.lastUsedService = "s3";
                    key.lastUsedRegion = "us-east-1";
                }
                return null;
            });
        }
    }
}
