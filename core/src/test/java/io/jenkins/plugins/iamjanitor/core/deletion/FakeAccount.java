package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.ConsolePassword;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * An in-memory IAM account behind the core ports, with IAM's DeleteConflict rule and NoSuchEntity semantics. Core
 * has no protocol, so this fake is how core's own tests drive the deleter; the real SDK path is tested in the cli
 * module against the emulator.
 */
final class FakeAccount implements IamUserAdmin, IamDirectory, BackupStore {
    /** Simulates the JVM dying mid-run: an Error, so nothing in core catches it. */
    static final class ProcessStop extends Error {
        ProcessStop() {
            super("process stopped");
        }
    }

    final Map<String, UserSnapshot> users = new LinkedHashMap<>();
    final Map<String, Instant> passwordLastUsed = new LinkedHashMap<>();
    /** Virtual MFA devices of the account, assigned or not (account-level, like in IAM). */
    final TreeSet<String> virtualMfa = new TreeSet<>();
    final List<String> calls = new ArrayList<>();
    final List<String> backupsWritten = new ArrayList<>();
    final Map<String, Backup> backupFiles = new LinkedHashMap<>();
    /** The first destructive call matching this fails once: with failWith, or as a process stop. */
    Predicate<DeletionStep> failWhen = s -> false;
    RuntimeException failWith;
    boolean stopProcess;
    Runnable beforeDeleteUser = () -> { };

    void add(UserSnapshot s) {
        users.put(s.userName(), s);
        s.mfaDevices().stream().filter(MfaDevice::virtual).forEach(m -> virtualMfa.add(m.serialNumber()));
    }

    @Override
    public Optional<UserSnapshot> snapshot(String userName) {
        calls.add("snapshot " + userName);
        return Optional.ofNullable(users.get(userName));
    }

    @Override
    public StepResult apply(DeletionStep step) {
        if (failWhen.test(step)) {
            failWhen = s -> false;
            if (stopProcess) {
                throw new ProcessStop();
            }
            throw failWith;
        }
        calls.add(step.describe());
        UserSnapshot u = users.get(step.userName());
        if (step.action() == DeletionAction.DELETE_VIRTUAL_MFA_DEVICE) {
            if (u != null && u.mfaDevices().stream().anyMatch(m -> m.serialNumber().equals(step.target()))) {
                throw new DeleteConflictException("DeleteVirtualMFADevice", "MFA device is still in use");
            }
            return virtualMfa.remove(step.target()) ? StepResult.DONE : StepResult.ALREADY_GONE;
        }
        if (u == null) {
            return StepResult.ALREADY_GONE;
        }
        Edit e = new Edit(u);
        boolean removed = switch (step.action()) {
            case DELETE_LOGIN_PROFILE -> e.loginProfile && !(e.loginProfile = false);
            case DELETE_ACCESS_KEY -> e.keys.removeIf(k -> k.accessKeyId().equals(step.target()));
            case DELETE_SIGNING_CERTIFICATE -> e.certs.removeIf(c -> c.certificateId().equals(step.target()));
            case DELETE_SSH_PUBLIC_KEY -> e.ssh.removeIf(k -> k.sshPublicKeyId().equals(step.target()));
            case DELETE_SERVICE_SPECIFIC_CREDENTIAL -> e.sscs.removeIf(
                    c -> c.serviceSpecificCredentialId().equals(step.target()));
            case DEACTIVATE_MFA_DEVICE -> e.mfa.removeIf(m -> m.serialNumber().equals(step.target()));
            case DETACH_USER_POLICY -> e.attached.remove(step.target());
            case DELETE_USER_POLICY -> e.inline.remove(step.target()) != null;
            case REMOVE_USER_FROM_GROUP -> e.groups.remove(step.target());
            case DELETE_USER_PERMISSIONS_BOUNDARY -> e.boundary != null && (e.boundary = null) == null;
            case DELETE_USER -> {
                beforeDeleteUser.run();
                u = users.get(step.userName());
                if (DeletionPlanner.plan(u).size() > 1) {
                    throw new DeleteConflictException("DeleteUser", "Cannot delete entity, must remove dependents");
                }
                users.remove(step.userName());
                yield true;
            }
            default -> throw new IllegalStateException(step.toString());
        };
        if (step.action() != DeletionAction.DELETE_USER) {
            users.put(u.userName(), e.build());
        }
        return removed ? StepResult.DONE : StepResult.ALREADY_GONE;
    }

    @Override
    public List<String> restore(UserSnapshot snapshot) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<IamUser> listUsers(ProgressListener progress) {
        return users.values().stream().map(this::toUser).toList();
    }

    @Override
    public IamUser withDetails(IamUser user) {
        return user;
    }

    @Override
    public Optional<IamUser> fetchLive(String userName) {
        calls.add("fetchLive " + userName);
        return Optional.ofNullable(users.get(userName)).map(this::toUser);
    }

    private IamUser toUser(UserSnapshot s) {
        ConsolePassword pw = s.loginProfile() ? new ConsolePassword(true, s.createDate(),
                passwordLastUsed.get(s.userName())) : null;
        return new IamUser(s.userName(), s.userId(), s.arn(), s.path(), s.createDate(), s.tags(), s.groups(), pw,
                s.accessKeys(), null, null, s.serviceSpecificCredentials(), s.mfaDevices());
    }

    /** Keeps the first (fullest) backup of a user id, like JsonBackupStore. */
    @Override
    public String write(UserSnapshot snapshot, ApprovalRecord approval) {
        calls.add("backup " + snapshot.userName());
        String location = snapshot.userName() + "-" + snapshot.userId();
        Backup existing = backupFiles.get(location);
        if (existing != null && snapshot.isCoveredBy(existing.snapshot())) {
            return location;
        }
        if (existing != null) {
            location = location + "-" + backupFiles.size();
        }
        backupFiles.put(location, new Backup(snapshot, approval));
        backupsWritten.add(location);
        return location;
    }

    @Override
    public Backup read(String location) {
        return backupFiles.get(location);
    }

    /** Mutable copy of a snapshot. */
    static final class Edit {
        final UserSnapshot base;
        boolean loginProfile;
        String boundary;
        final List<AccessKey> keys;
        final List<UserSnapshot.Certificate> certs;
        final List<UserSnapshot.SshKey> ssh;
        final List<io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential> sscs;
        final List<MfaDevice> mfa;
        final List<String> attached;
        final Map<String, String> inline;
        final List<String> groups;

        Edit(UserSnapshot s) {
            base = s;
            loginProfile = s.loginProfile();
            boundary = s.permissionsBoundaryArn();
            keys = new ArrayList<>(s.accessKeys());
            certs = new ArrayList<>(s.signingCertificates());
            ssh = new ArrayList<>(s.sshPublicKeys());
            sscs = new ArrayList<>(s.serviceSpecificCredentials());
            mfa = new ArrayList<>(s.mfaDevices());
            attached = new ArrayList<>(s.attachedPolicyArns());
            inline = new LinkedHashMap<>(s.inlinePolicies());
            groups = new ArrayList<>(s.groups());
        }

        UserSnapshot build() {
            return new UserSnapshot(base.userName(), base.userId(), base.arn(), base.path(), base.createDate(),
                    base.tags(), boundary, groups, attached, inline, loginProfile, keys, mfa, ssh, certs, sscs);
        }
    }

    static ServiceException throttled(DeletionStep s) {
        return new ServiceException("IAM", s.action().apiName(), "Throttling", "Rate exceeded");
    }
}
