package io.jenkins.plugins.iamjanitor.bench.iam;

import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.AccessKey;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.LoginProfile;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.User;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeds the emulated account through its seeding API (no scenario file): scan-shaped users (password and two keys)
 * and deletion-shaped users (a random mix of every dependent IAM knows). Deterministic for a given seed.
 */
public final class Population {
    public static final String EXEMPT_TAG = "iam-janitor:exempt";
    private static final List<String> GROUPS = List.of("developers", "ops", "readonly");
    private static final List<String> MANAGED = List.of("arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:iam::aws:policy/AmazonS3FullAccess", "arn:aws:iam::aws:policy/IAMUserChangePassword");

    private final IamState state;
    private final SplittableRandom random;
    private final Instant now;
    private boolean disabledUsedLast;

    public Population(IamState state, long seed) {
        this.state = state;
        this.random = new SplittableRandom(seed);
        this.now = state.now();
    }

    /**
     * Makes disabled credentials of deletion-shaped users the most recently used ones (still long ago): reproduces
     * a review keeping approved users at the re-check, see docs/performance.md.
     */
    public Population disabledUsedLast(boolean value) {
        this.disabledUsedLast = value;
        return this;
    }

    public static String name(String prefix, int i) {
        return String.format(Locale.ROOT, "%s%05d", prefix, i);
    }

    /**
     * {@code count} users with a console password and two access keys each; {@code inactiveShare} of them (spread
     * evenly) last used anything 30–300 days ago, the others within the last 10 days.
     */
    public List<String> scanUsers(String prefix, int count, double inactiveShare) {
        List<String> names = new ArrayList<>(count);
        state.locked(s -> {
            int every = inactiveShare <= 0 ? Integer.MAX_VALUE : (int) Math.max(1, Math.round(1 / inactiveShare));
            for (int i = 0; i < count; i++) {
                boolean inactive = i % every == every - 1;
                User u = s.addUser(name(prefix, i), "/", ago(400));
                u.loginProfile = new LoginProfile(ago(400));
                u.passwordLastUsed = used(inactive);
                for (int k = 0; k < 2; k++) {
                    AccessKey key = s.addAccessKey(u, null, "Active", ago(300 - k));
                    key.lastUsed = used(inactive);
                    key.lastUsedService = "s3";
                    key.lastUsedRegion = "us-east-1";
                }
                names.add(u.name);
            }
            return null;
        });
        return names;
    }

    /** What one deletion-shaped user was given, to count the calls its deletion needs at least. */
    public record Dependents(String userName, boolean loginProfile, int accessKeys, int sshKeys, int certificates,
                             int serviceCredentials, int virtualMfa, int hardwareMfa, int attachedPolicies,
                             int inlinePolicies, int groups, boolean boundary) {

        /** The teardown calls the plan must make: one per dependent (two per virtual MFA device) and DeleteUser. */
        public int planSteps() {
            return (loginProfile ? 1 : 0) + accessKeys + sshKeys + certificates + serviceCredentials
                    + 2 * virtualMfa + hardwareMfa + attachedPolicies + inlinePolicies + groups + (boundary ? 1 : 0)
                    + 1;
        }

        /**
         * The reads a complete backup needs: GetUser, the ten list/get calls that enumerate every kind of dependent
         * (tags, groups, attached, inline names, login profile, keys, MFA, SSH keys, certificates, service-specific
         * credentials), one GetUserPolicy per inline policy, one GetSSHPublicKey per SSH key (the body), and one
         * GetAccessKeyLastUsed per key — which is also everything the live re-check reads.
         */
        public int requiredReads() {
            return 11 + inlinePolicies + sshKeys + accessKeys;
        }

        public int dependents() {
            return planSteps() - 1 - virtualMfa;
        }
    }

    /**
     * One inactive user with a random mix of dependents; {@code full} gives it one of every kind. Disabled
     * credentials (a removed console password, the second, inactive key) were last used before the active key, unless
     * {@link #disabledUsedLast} asks for the opposite.
     */
    public Dependents deletableUser(String name, boolean full, int inactiveDays) {
        return state.locked(s -> {
            User u = s.addUser(name, random.nextInt(4) == 0 ? "/staff/" : "/", ago(inactiveDays + 200));
            Instant lastActive = ago(inactiveDays + random.nextInt(30));
            Instant disabledUse = disabledUsedLast ? lastActive.plus(Duration.ofDays(1 + random.nextInt(5)))
                    : lastActive.minus(Duration.ofDays(1 + random.nextInt(60)));
            boolean login = full || random.nextInt(10) < 7;
            int keys = full ? 2 : random.nextInt(3);
            if (login) {
                u.loginProfile = new LoginProfile(ago(inactiveDays + 100));
                u.passwordLastUsed = lastActive.minus(Duration.ofHours(random.nextInt(48)));
            } else if (keys > 0 || disabledUsedLast) {
                u.passwordLastUsed = disabledUse; // AWS keeps the last sign-in after the password is removed
            }
            for (int k = 0; k < keys; k++) {
                AccessKey key = s.addAccessKey(u, null, k == 0 ? "Active" : "Inactive", ago(inactiveDays + 150 - k));
                key.lastUsed = k == 0 ? lastActive : disabledUse;
                key.lastUsedService = "sts";
                key.lastUsedRegion = "eu-west-1";
            }
            int ssh = full ? 1 : random.nextInt(10) < 3 ? 1 : 0;
            for (int k = 0; k < ssh; k++) {
                s.addSshKey(u, null, "Active", ago(inactiveDays + 120));
            }
            int certs = full ? 1 : random.nextInt(10) < 2 ? 1 : 0;
            for (int k = 0; k < certs; k++) {
                s.addCertificate(u, null, "Active", ago(inactiveDays + 120));
            }
            int sscs = full ? 1 : random.nextInt(10) < 2 ? 1 : 0;
            for (int k = 0; k < sscs; k++) {
                s.addServiceCredential(u, "codecommit.amazonaws.com", "Active", ago(inactiveDays + 90));
            }
            int virtual = full || random.nextInt(10) < 3 ? 1 : 0;
            if (virtual == 1) {
                s.addMfaDevice(name, true, name, ago(inactiveDays + 100));
            }
            int hardware = full || random.nextInt(10) == 0 ? 1 : 0;
            if (hardware == 1) {
                s.addMfaDevice(name, false, null, ago(inactiveDays + 100));
            }
            int attached = full ? 2 : random.nextInt(3);
            for (int p = 0; p < attached; p++) {
                u.attachedPolicies.add(s.registerPolicyArn(MANAGED.get(p)));
            }
            int inline = full ? 2 : random.nextInt(3);
            for (int p = 0; p < inline; p++) {
                u.inlinePolicies.put("inline-" + p, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bench-" + p + "/*\"}]}");
            }
            int groups = full ? 2 : random.nextInt(3);
            for (int g = 0; g < groups; g++) {
                u.groups.add(s.ensureGroup(GROUPS.get(g), "/").name());
            }
            boolean boundary = full || random.nextInt(10) < 2;
            if (boundary) {
                u.permissionsBoundary = s.addPolicy("bench-boundary", "/");
            }
            u.tags.put("team", "team-" + random.nextInt(5));
            return new Dependents(name, login, keys, ssh, certs, sscs, virtual, hardware, attached, inline, groups,
                    boundary);
        });
    }

    /** Marks a user exempt with the default exemption tag. */
    public void exempt(String name) {
        state.locked(s -> s.user(name).tags.put(EXEMPT_TAG, "bench"));
    }

    private Instant used(boolean inactive) {
        return inactive ? ago(30 + random.nextInt(271)) : now.minus(Duration.ofHours(1 + random.nextInt(240)));
    }

    private Instant ago(int days) {
        return now.minus(Duration.ofDays(days));
    }
}
