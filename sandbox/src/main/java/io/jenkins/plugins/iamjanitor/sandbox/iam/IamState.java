package io.jenkins.plugins.iamjanitor.sandbox.iam;

import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.AccessKey;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.AssumeRoleCall;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.Certificate;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.Group;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.MfaDevice;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.ServiceCredential;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.SshKey;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.User;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The emulated account: users, groups, managed policies, MFA devices. Every method locks the state; the emulator
 * runs each request under the same lock, so a request sees a consistent account.
 */
public final class IamState {
    private final String accountId;
    private final Clock clock;
    private final Ids ids;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Set<String> policies = new LinkedHashSet<>();
    private final Map<String, MfaDevice> mfaDevices = new LinkedHashMap<>();
    private final List<AssumeRoleCall> assumeRoleCalls = new ArrayList<>();
    private final Map<String, String> sessionArns = new LinkedHashMap<>();
    private final Map<String, String> keyOwners = new java.util.HashMap<>();
    private final CredentialReports reports;
    /** The account alias (AWS allows at most one); null: none, as in many accounts. */
    private volatile String accountAlias;
    /** IAM actions the caller's policy does not allow in this scenario: each answers AccessDenied. */
    private final Set<String> deniedActions = new java.util.concurrent.CopyOnWriteArraySet<>();

    public IamState(String accountId, Clock clock) {
        this.accountId = accountId;
        this.clock = clock;
        this.ids = new Ids(accountId.hashCode());
        this.reports = new CredentialReports(this);
    }

    public synchronized <T> T locked(Function<IamState, T> work) {
        return work.apply(this);
    }

    public String accountId() {
        return accountId;
    }

    public String accountAlias() {
        return accountAlias;
    }

    /** Sets (or, with null, removes) the account alias, as CreateAccountAlias/DeleteAccountAlias would. */
    public void accountAlias(String alias) {
        this.accountAlias = alias;
    }

    /** Makes an IAM action answer AccessDenied from now on (a least-privilege policy without it). */
    public void deny(String action) {
        deniedActions.add(action);
    }

    boolean denied(String action) {
        return deniedActions.contains(action);
    }

    public Instant now() {
        return clock.instant();
    }

    Ids ids() {
        return ids;
    }

    public CredentialReports reports() {
        return reports;
    }

    // ---- users

    public synchronized User addUser(String name, String path, Instant created) {
        if (users.containsKey(name)) {
            throw IamError.alreadyExists("User with name " + name + " already exists.");
        }
        String p = path == null ? "/" : path;
        User user = new User(name, ids.next("AIDA", 17), p,
                "arn:aws:iam::" + accountId + ":user" + p + name, created == null ? now() : created);
        users.put(name, user);
        return user;
    }

    public synchronized User user(String name) {
        User user = users.get(name);
        if (user == null) {
            throw IamError.noSuchUser(name);
        }
        return user;
    }

    public synchronized boolean hasUser(String name) {
        return users.containsKey(name);
    }

    public synchronized List<User> users() {
        return new ArrayList<>(users.values());
    }

    /**
     * The user owning this access key, or null when it is no key of this account. Every request asks, so it is an
     * index lookup (keys are only ever created by {@link #addAccessKey}), checked against the live user.
     */
    public synchronized User keyOwner(String accessKeyId) {
        User u = accessKeyId == null ? null : users.get(keyOwners.get(accessKeyId));
        return u != null && u.accessKeys.stream().anyMatch(k -> k.id.equals(accessKeyId)) ? u : null;
    }

    synchronized void removeUser(String name) {
        users.remove(name);
    }

    // ---- groups and policies

    public synchronized Group ensureGroup(String name, String path) {
        return groups.computeIfAbsent(name, n -> {
            String p = path == null ? "/" : path;
            return new Group(n, ids.next("AGPA", 17), p, "arn:aws:iam::" + accountId + ":group" + p + n,
                    now().minusSeconds(86_400L * 1000));
        });
    }

    public synchronized List<Group> groups() {
        return List.copyOf(groups.values());
    }

    public synchronized Group group(String name) {
        Group group = groups.get(name);
        if (group == null) {
            throw IamError.noSuchEntity("The group with name " + name + " cannot be found.");
        }
        return group;
    }

    /** Registers a customer managed policy; returns its ARN. */
    public synchronized String addPolicy(String name, String path) {
        String arn = "arn:aws:iam::" + accountId + ":policy" + (path == null ? "/" : path) + name;
        policies.add(arn);
        return arn;
    }

    /** Registers a customer managed policy by ARN (AWS managed ones need no registration); returns the ARN. */
    public synchronized String registerPolicyArn(String arn) {
        if (!arn.startsWith("arn:aws:iam::aws:policy/")) {
            policies.add(arn);
        }
        return arn;
    }

    /** AWS managed policies always exist; customer ones must have been registered. */
    public synchronized boolean policyExists(String arn) {
        return arn.startsWith("arn:aws:iam::aws:policy/") || policies.contains(arn);
    }

    // ---- credentials

    public synchronized AccessKey addAccessKey(User user, String id, String status, Instant created) {
        AccessKey key = new AccessKey(id == null ? ids.next("AKIA", 16) : id, status, created);
        user.accessKeys.add(key);
        keyOwners.put(key.id, user.name);
        return key;
    }

    public synchronized SshKey addSshKey(User user, String body, String status, Instant uploaded) {
        SshKey key = new SshKey(ids.next("APKA", 17), body == null ? sampleSshBody() : body, status, uploaded);
        user.sshKeys.add(key);
        return key;
    }

    public synchronized Certificate addCertificate(User user, String body, String status, Instant uploaded) {
        Certificate cert = new Certificate(ids.hex(32), body == null ? sampleCertBody() : body, status, uploaded);
        user.certificates.add(cert);
        return cert;
    }

    public synchronized ServiceCredential addServiceCredential(User user, String service, String status,
            Instant created) {
        ServiceCredential c = new ServiceCredential(ids.next("ACCA", 17), service,
                user.name + "-at-" + accountId, status, created);
        user.serviceCredentials.add(c);
        return c;
    }

    /** Creates an MFA device; assigned to {@code user} when not null. Virtual devices get an ARN serial. */
    public synchronized MfaDevice addMfaDevice(String user, boolean virtual, String deviceName, Instant enabled) {
        String serial = virtual ? "arn:aws:iam::" + accountId + ":mfa/" + deviceName : "GAHT" + ids.hex(8);
        if (mfaDevices.containsKey(serial)) {
            throw IamError.alreadyExists("MFADevice entity at the same path and name already exists.");
        }
        MfaDevice device = new MfaDevice(serial, virtual, user, user == null ? null : enabled);
        mfaDevices.put(serial, device);
        if (user != null) {
            user(user).mfaSerials.add(serial);
        }
        return device;
    }

    public synchronized MfaDevice mfaDevice(String serial) {
        return mfaDevices.get(serial);
    }

    public synchronized List<MfaDevice> mfaDevices() {
        return new ArrayList<>(mfaDevices.values());
    }

    synchronized void removeMfaDevice(String serial) {
        mfaDevices.remove(serial);
    }

    // ---- STS bookkeeping

    synchronized void recordAssumeRole(AssumeRoleCall call, String sessionArn) {
        assumeRoleCalls.add(call);
        sessionArns.put(call.accessKeyId(), sessionArn);
    }

    public synchronized List<AssumeRoleCall> assumeRoleCalls() {
        return List.copyOf(assumeRoleCalls);
    }

    synchronized String sessionArn(String accessKeyId) {
        return sessionArns.get(accessKeyId);
    }

    private String sampleSshBody() {
        return "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + ids.next("", 48).toLowerCase() + " sandbox";
    }

    private String sampleCertBody() {
        return "-----BEGIN CERTIFICATE-----\nMIIC" + ids.next("", 60) + "\n-----END CERTIFICATE-----";
    }
}
