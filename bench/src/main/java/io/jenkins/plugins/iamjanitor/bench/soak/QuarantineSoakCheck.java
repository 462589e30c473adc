package io.jenkins.plugins.iamjanitor.bench.soak;

import io.jenkins.plugins.iamjanitor.bench.iam.IamRig;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineMarks;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantinePlanner;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineStep;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The promises of a quarantine that was killed and resumed: each approved user quarantined exactly once (one backup,
 * each call made once, nothing deleted but the login profile), nobody else touched; and releasing each user from its
 * backup gives back exactly the user of the start, the console password excepted.
 */
final class QuarantineSoakCheck {
    /** Per approved user at the start: active keys and whether it had a console password. */
    record Before(int activeKeys, boolean loginProfile) {
    }

    private QuarantineSoakCheck() {
    }

    static Map<String, Before> before(IamRig rig, Set<String> approved) {
        return rig.state().locked(s -> {
            Map<String, Before> out = new HashMap<>();
            for (String name : approved) {
                User u = s.user(name);
                out.put(name, new Before((int) u.accessKeys.stream().filter(k -> "Active".equals(k.status)).count(),
                        u.loginProfile != null));
            }
            return out;
        });
    }

    static List<String> violations(IamRig rig, SoakAccount account, Map<String, Before> before, Path backupDir)
            throws IOException {
        List<String> out = new ArrayList<>(account.othersUntouched(before.keySet(), backupDir));
        Map<String, Integer> backups = SoakAccount.backupsByUser(backupDir);
        Map<String, List<String>> writes = rig.front().writesByUser();
        for (Map.Entry<String, Before> e : before.entrySet()) {
            String name = e.getKey();
            if (!rig.state().hasUser(name)) {
                out.add(name + ": deleted by a quarantine");
                continue;
            }
            if (backups.getOrDefault(name, 0) != 1) {
                out.add(name + ": " + backups.getOrDefault(name, 0) + " backup file(s)");
            }
            List<String> w = writes.getOrDefault(name, List.of());
            expect(out, name, w, "PutUserPolicy(" + QuarantineMarks.DENY_POLICY_NAME + ")", 1);
            expect(out, name, w, "TagUser", 2);
            expect(out, name, w, "DeleteLoginProfile", e.getValue().loginProfile() ? 1 : 0);
            long updates = w.stream().filter(x -> x.startsWith("UpdateAccessKey(")).count();
            if (updates != e.getValue().activeKeys() || w.size() != 3 + updates
                    + (e.getValue().loginProfile() ? 1 : 0)) {
                out.add(name + ": unexpected calls " + w);
            }
            rig.state().locked(s -> {
                User u = s.user(name);
                if (u.loginProfile != null || u.accessKeys.stream().anyMatch(k -> "Active".equals(k.status))
                        || !QuarantineMarks.isDenyAll(u.inlinePolicies.get(QuarantineMarks.DENY_POLICY_NAME))
                        || !QuarantineChild.REVIEW_ID.equals(u.tags.get(QuarantineMarks.REVIEW_TAG))
                        || u.tags.get(QuarantineMarks.QUARANTINED_AT_TAG) == null) {
                    out.add(name + ": not fully quarantined");
                }
                return null;
            });
        }
        out.addAll(releaseRestores(rig, account, before.keySet(), backupDir));
        return out;
    }

    /** Releases everyone from the backup the (killed) runs wrote and compares with the start. */
    private static List<String> releaseRestores(IamRig rig, SoakAccount account, Set<String> approved,
            Path backupDir) throws IOException {
        List<String> out = new ArrayList<>();
        JsonBackupStore store = new JsonBackupStore(backupDir, Clock.systemUTC());
        Map<String, Path> files = new HashMap<>();
        try (Stream<Path> list = Files.list(backupDir)) {
            for (Path p : list.filter(f -> f.toString().endsWith(".json")).toList()) {
                files.put(store.read(p.toString()).snapshot().userName(), p);
            }
        }
        try (IamClient iam = rig.iam()) {
            AwsIamQuarantineAdmin admin = new AwsIamQuarantineAdmin(iam);
            var reader = new io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamUserAdmin(iam);
            for (String name : approved) {
                if (!files.containsKey(name) || !rig.state().hasUser(name)) {
                    continue;
                }
                UserSnapshot original = store.read(files.get(name).toString()).snapshot();
                for (QuarantineStep step : QuarantinePlanner.release(original, reader.snapshot(name).orElseThrow())) {
                    admin.apply(step);
                }
                if (!withoutPassword(account.fingerprintBefore(name)).equals(
                        withoutPassword(account.fingerprintNow(name)))) {
                    out.add(name + ": release did not restore the user (" + account.fingerprintBefore(name)
                            + " vs " + account.fingerprintNow(name) + ")");
                }
            }
        }
        return out;
    }

    /** The fingerprint's third field is whether a login profile exists: the one thing a release cannot bring back. */
    private static String withoutPassword(String fingerprint) {
        String[] f = fingerprint.split("\\|", -1);
        f[2] = "-";
        return String.join("|", f);
    }

    private static void expect(List<String> out, String name, List<String> writes, String call, int times) {
        long n = writes.stream().filter(call::equals).count();
        if (n != times) {
            out.add(name + ": " + call + " made " + n + " time(s), expected " + times);
        }
    }
}
