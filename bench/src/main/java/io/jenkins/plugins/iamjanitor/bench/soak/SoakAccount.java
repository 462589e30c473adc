package io.jenkins.plugins.iamjanitor.bench.soak;

import io.jenkins.plugins.iamjanitor.bench.iam.IamRig;
import io.jenkins.plugins.iamjanitor.bench.iam.Population;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.User;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The soak's account: mostly active users, a share of inactive "leavers" with a random mix of dependents, some of
 * them exempt by tag. Remembers every user's full state at the start, to check afterwards that nothing but the
 * approved users changed and that each of those was deleted exactly once with a backup.
 */
public final class SoakAccount {
    private final IamRig rig;
    private final List<String> leavers = new ArrayList<>();
    private final List<String> exempt = new ArrayList<>();
    private final Map<String, String> before;

    /**
     * @param leaverShare      share of users that are inactive; a tenth of those carry the exemption tag
     * @param disabledUsedLast see {@link Population#disabledUsedLast}
     */
    public SoakAccount(IamRig rig, int users, double leaverShare, long seed, boolean disabledUsedLast) {
        this.rig = rig;
        Population population = new Population(rig.state(), seed).disabledUsedLast(disabledUsedLast);
        int leaverCount = (int) Math.round(users * leaverShare);
        population.scanUsers("active.", users - leaverCount, 0);
        for (int i = 0; i < leaverCount; i++) {
            String name = Population.name("leaver.", i);
            population.deletableUser(name, i == 0, 60);
            leavers.add(name);
            if (i % 10 == 9) {
                population.exempt(name);
                exempt.add(name);
            }
        }
        this.before = fingerprints(rig.state());
    }

    public List<String> leavers() {
        return List.copyOf(leavers);
    }

    public List<String> exempt() {
        return List.copyOf(exempt);
    }

    /** Inactive users that are not exempt: what the scan must flag. */
    public List<String> expectedCandidates() {
        return leavers.stream().filter(n -> !exempt.contains(n)).toList();
    }

    public int users() {
        return before.size();
    }

    /**
     * Every broken promise, one line each (empty: all kept): approved users gone, deleted exactly once, exactly one
     * backup each naming the user; every other user present, unchanged and never written to.
     */
    public List<String> violations(Set<String> approved, Path backupDir) throws IOException {
        List<String> out = new ArrayList<>();
        IamState state = rig.state();
        Map<String, Integer> deletions = rig.front().deletions();
        Map<String, Integer> backups = backupsByUser(backupDir);
        for (String name : approved) {
            if (state.hasUser(name)) {
                out.add(name + ": approved but still exists");
            }
            if (deletions.getOrDefault(name, 0) != 1) {
                out.add(name + ": deleted " + deletions.getOrDefault(name, 0) + " times");
            }
            if (backups.getOrDefault(name, 0) != 1) {
                out.add(name + ": " + backups.getOrDefault(name, 0) + " backup file(s)");
            }
        }
        out.addAll(othersUntouched(approved, backupDir));
        return out;
    }

    /** Every user not in {@code approved}: present, unchanged, never written to, never backed up. */
    public List<String> othersUntouched(Set<String> approved, Path backupDir) throws IOException {
        List<String> out = new ArrayList<>();
        Map<String, String> after = fingerprints(rig.state());
        Map<String, List<String>> writes = rig.front().writesByUser();
        Map<String, Integer> backups = backupsByUser(backupDir);
        for (Map.Entry<String, String> e : before.entrySet()) {
            String name = e.getKey();
            if (approved.contains(name)) {
                continue;
            }
            if (!e.getValue().equals(after.get(name))) {
                out.add(name + ": not approved but changed (" + (after.containsKey(name) ? "modified" : "deleted")
                        + ")");
            }
            if (writes.containsKey(name)) {
                out.add(name + ": not approved but written to: " + writes.get(name));
            }
            if (backups.containsKey(name)) {
                out.add(name + ": not approved but backed up");
            }
        }
        return out;
    }

    /** The user's fingerprint at the start (see {@link #fingerprints}); null for a user created since. */
    public String fingerprintBefore(String name) {
        return before.get(name);
    }

    /** The user's fingerprint now; null when it no longer exists. */
    public String fingerprintNow(String name) {
        return fingerprints(rig.state()).get(name);
    }

    /** Backup files per user name, read from the JSON ("snapshot" → "userName"). */
    static Map<String, Integer> backupsByUser(Path dir) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String user = mapper.readTree(p.toFile()).path("snapshot").path("userName").asText("?");
                out.merge(user, 1, Integer::sum);
            }
        }
        return out;
    }

    /** Everything a user has, as one string per user, sorted by name. */
    static Map<String, String> fingerprints(IamState state) {
        return state.locked(s -> {
            Map<String, String> out = new TreeMap<>();
            for (User u : s.users()) {
                StringBuilder b = new StringBuilder(u.id).append('|').append(u.path).append('|')
                        .append(u.loginProfile != null).append('|').append(u.tags).append('|').append(u.groups)
                        .append('|').append(u.attachedPolicies).append('|').append(u.inlinePolicies.keySet())
                        .append('|').append(u.permissionsBoundary).append('|').append(u.mfaSerials);
                u.accessKeys.forEach(k -> b.append("|key:").append(k.id).append(k.status));
                u.sshKeys.forEach(k -> b.append("|ssh:").append(k.id).append(k.status));
                u.certificates.forEach(c -> b.append("|cert:").append(c.id).append(c.status));
                u.serviceCredentials.forEach(c -> b.append("|ssc:").append(c.id).append(c.status));
                out.put(u.name, b.toString());
            }
            return out;
        });
    }
}
