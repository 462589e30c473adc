package io.jenkins.plugins.iamjanitor.core.policy;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.ConsolePassword;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.model.SigningCertificate;
import io.jenkins.plugins.iamjanitor.core.model.SshPublicKey;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A small builder of test users: dates are given as instants, credentials added one by one. */
final class Users {
    private final String name;
    private String path = "/";
    private Instant created;
    private List<Tag> tags;
    private List<String> groups;
    private ConsolePassword password;
    private final List<AccessKey> keys = new ArrayList<>();
    private final List<SshPublicKey> ssh = new ArrayList<>();
    private final List<SigningCertificate> certs = new ArrayList<>();
    private final List<ServiceSpecificCredential> sscs = new ArrayList<>();
    private final List<MfaDevice> mfas = new ArrayList<>();

    private Users(String name, Instant created) {
        this.name = name;
        this.created = created;
    }

    static Users user(String name, Instant created) {
        return new Users(name, created);
    }

    Users path(String p) {
        path = p;
        return this;
    }

    Users tags(Tag... t) {
        tags = List.of(t);
        return this;
    }

    Users groups(String... g) {
        groups = List.of(g);
        return this;
    }

    Users password(Instant setAt, Instant lastUsed) {
        password = new ConsolePassword(true, setAt, lastUsed);
        return this;
    }

    Users disabledPassword(Instant lastUsed) {
        password = new ConsolePassword(false, null, lastUsed);
        return this;
    }

    Users key(String id, CredentialStatus status, Instant keyCreated, Instant lastUsed) {
        keys.add(new AccessKey(id, 0, status, keyCreated, lastUsed, lastUsed == null ? null : "s3",
                lastUsed == null ? null : "us-east-1"));
        return this;
    }

    Users ssh(String id, CredentialStatus status, Instant uploaded) {
        ssh.add(new SshPublicKey(id, status, uploaded));
        return this;
    }

    Users cert(String id, CredentialStatus status, Instant uploaded) {
        certs.add(new SigningCertificate(id, status, uploaded));
        return this;
    }

    Users ssc(String id, CredentialStatus status, Instant createdAt) {
        sscs.add(new ServiceSpecificCredential(id, "codecommit.amazonaws.com", status, createdAt));
        return this;
    }

    Users mfa(String serial, Instant enabled) {
        mfas.add(new MfaDevice(serial, enabled, true));
        return this;
    }

    IamUser build() {
        return new IamUser(name, "AIDA" + name.toUpperCase(), "arn:aws:iam::123456789012:user" + path + name, path,
                created, tags, groups, password, keys, ssh, certs, sscs, mfas);
    }
}
