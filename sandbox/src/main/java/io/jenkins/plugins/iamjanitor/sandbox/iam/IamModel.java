package io.jenkins.plugins.iamjanitor.sandbox.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulated entities. Mutable on purpose (the emulator is a little database); only touch them while holding the
 * {@link IamState} lock, e.g. inside {@link IamState#locked}.
 */
public final class IamModel {
    private IamModel() {
    }

    public static final class User {
        public final String name;
        public final String id;
        public final String path;
        public final String arn;
        public final Instant created;
        /** Survives the login profile, as in AWS: ListUsers and the report keep showing the last console sign-in. */
        public Instant passwordLastUsed;
        public LoginProfile loginProfile;
        public final Map<String, String> tags = new LinkedHashMap<>();
        public final List<String> groups = new ArrayList<>();
        public final List<AccessKey> accessKeys = new ArrayList<>();
        public final List<SshKey> sshKeys = new ArrayList<>();
        public final List<Certificate> certificates = new ArrayList<>();
        public final List<ServiceCredential> serviceCredentials = new ArrayList<>();
        /** Serial numbers of assigned MFA devices (virtual ones live in the account, see {@link IamState}). */
        public final List<String> mfaSerials = new ArrayList<>();
        public final List<String> attachedPolicies = new ArrayList<>();
        public final Map<String, String> inlinePolicies = new LinkedHashMap<>();
        public String permissionsBoundary;

        public User(String name, String id, String path, String arn, Instant created) {
            this.name = name;
            this.id = id;
            this.path = path;
            this.arn = arn;
            this.created = created;
        }
    }

    public static final class LoginProfile {
        public final Instant created;
        /** Set by CreateLoginProfile's PasswordResetRequired: the user must choose a new password at sign-in. */
        public final boolean passwordResetRequired;

        public LoginProfile(Instant created) {
            this(created, false);
        }

        public LoginProfile(Instant created, boolean passwordResetRequired) {
            this.created = created;
            this.passwordResetRequired = passwordResetRequired;
        }
    }

    public static final class AccessKey {
        public final String id;
        public String status;
        public final Instant created;
        public Instant lastUsed;
        public String lastUsedService;
        public String lastUsedRegion;

        public AccessKey(String id, String status, Instant created) {
            this.id = id;
            this.status = status;
            this.created = created;
        }
    }

    public static final class SshKey {
        public final String id;
        public final String body;
        public String status;
        public final Instant uploaded;

        public SshKey(String id, String body, String status, Instant uploaded) {
            this.id = id;
            this.body = body;
            this.status = status;
            this.uploaded = uploaded;
        }
    }

    public static final class Certificate {
        public final String id;
        public final String body;
        public String status;
        public final Instant uploaded;

        public Certificate(String id, String body, String status, Instant uploaded) {
            this.id = id;
            this.body = body;
            this.status = status;
            this.uploaded = uploaded;
        }
    }

    public static final class ServiceCredential {
        public final String id;
        public final String serviceName;
        public final String serviceUserName;
        public String status;
        public final Instant created;

        public ServiceCredential(String id, String serviceName, String serviceUserName, String status,
                Instant created) {
            this.id = id;
            this.serviceName = serviceName;
            this.serviceUserName = serviceUserName;
            this.status = status;
            this.created = created;
        }
    }

    /** An MFA device. Virtual devices exist at account level; {@code user} is null while unassigned. */
    public static final class MfaDevice {
        public final String serial;
        public final boolean virtual;
        public String user;
        public Instant enabled;

        public MfaDevice(String serial, boolean virtual, String user, Instant enabled) {
            this.serial = serial;
            this.virtual = virtual;
            this.user = user;
            this.enabled = enabled;
        }
    }

    public record Group(String name, String id, String path, String arn, Instant created) {
    }

    /** An STS AssumeRole call as the emulator saw it, for tests to assert on. */
    public record AssumeRoleCall(String roleArn, String roleSessionName, String externalId, Integer durationSeconds,
            String accessKeyId) {
    }
}
