package io.jenkins.plugins.iamjanitor.plugin;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Reads secrets out of the Credentials plugin by id. Ids from the global configuration were chosen by an
 * administrator, so they resolve in the Jenkins context as the system (System-scoped entries work, from builds too);
 * an id a Pipeline script passes resolves as that build, within its job's reach. A build's use of a credential is
 * tracked (credential fingerprints). Every value read is remembered so the build log can mask it.
 */
final class JenkinsCredentials {
    private final Run<?, ?> run;
    private final List<String> revealed = new ArrayList<>();

    JenkinsCredentials(Run<?, ?> run) {
        this.run = run;
    }

    /** Where an id came from: the global configuration (admin) or a step argument (the script). */
    enum Origin { GLOBAL, SCRIPT }

    synchronized List<String> revealed() {
        return List.copyOf(revealed);
    }

    String secretText(String id, String what) {
        StringCredentials c = find(id, StringCredentials.class, what, Origin.GLOBAL);
        return remember(c.getSecret().getPlainText());
    }

    /** Username/password (Jira Cloud email + API token) or a Secret-text token (Jira Data Center PAT). */
    StandardCredentials jira(String id) {
        return find(id, StandardCredentials.class, "Jira credentials", Origin.GLOBAL);
    }

    String password(StandardUsernamePasswordCredentials c) {
        String password = remember(c.getPassword().getPlainText());
        // Jira Cloud sends email:token as Basic auth: mask that encoded form too.
        remember(Base64.getEncoder().encodeToString((c.getUsername() + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
        return password;
    }

    /**
     * An AWS credentials entry (aws-credentials plugin) or username/password holding the access key id and secret
     * access key. An AWS entry's own "IAM Role To Use" is assumed through our STS client (so the endpoint override
     * and Jenkins' proxy apply), not by the aws-credentials plugin.
     */
    AwsCredentialsSource aws(String id, Origin origin, String sessionName) {
        StandardCredentials c = find(id, StandardCredentials.class, "AWS credentials", origin);
        if (c instanceof StandardUsernamePasswordCredentials up) {
            return new AwsCredentialsSource.Static(up.getUsername(), remember(up.getPassword().getPlainText()), null);
        }
        if (c instanceof AWSCredentialsImpl impl) {
            if (impl.getIamMfaSerialNumber() != null && !impl.getIamMfaSerialNumber().isBlank()) {
                throw new ServiceException("Jenkins", "credentials", null, "AWS credentials '" + id
                        + "' need an MFA token, which an unattended job cannot give");
            }
            var keys = new AwsCredentialsSource.Static(impl.getAccessKey(),
                    remember(impl.getSecretKey().getPlainText()), null);
            String role = IamJanitorConfiguration.trim(impl.getIamRoleArn());
            return role == null ? keys
                    : new AwsCredentialsSource.AssumeRole(role, IamJanitorConfiguration.trim(impl.getIamExternalId()),
                            sessionName, keys);
        }
        if (c instanceof AmazonWebServicesCredentials other) {
            AwsCredentials creds = other.resolveCredentials();
            String token = creds instanceof AwsSessionCredentials s ? remember(s.sessionToken()) : null;
            return new AwsCredentialsSource.Static(creds.accessKeyId(), remember(creds.secretAccessKey()), token);
        }
        throw new ServiceException("Jenkins", "credentials", null, "credentials '" + id
                + "' are neither AWS credentials nor username/password (access key id / secret access key)");
    }

    /**
     * A digest of the secrets currently stored under these Secret-text ids (missing ones count as absent), so that
     * a cache keyed on it notices a rotated secret. Reveals nothing: only the digest leaves this method.
     */
    static String fingerprint(String... secretTextIds) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String id : secretTextIds) {
                StringCredentials c = id == null ? null : CredentialsProvider.findCredentialByIdInItemGroup(id,
                        StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of());
                sha.update((c == null ? "-" : "+" + c.getSecret().getPlainText()).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private <C extends IdCredentials> C find(String id, Class<C> type, String what, Origin origin) {
        if (id == null) {
            throw new ServiceException("Jenkins", "credentials", null, "no " + what + " configured");
        }
        boolean asBuild = run != null && origin == Origin.SCRIPT;
        C c = asBuild ? CredentialsProvider.findCredentialById(id, type, run, List.of())
                : CredentialsProvider.findCredentialByIdInItemGroup(id, type, Jenkins.get(), ACL.SYSTEM2, List.of());
        if (c == null) {
            throw new ServiceException("Jenkins", "credentials", null, "no " + what + " with id '" + id
                    + "' (of the expected kind) visible to " + (asBuild ? "this build" : "Jenkins"));
        }
        if (run != null && !asBuild) {
            // findCredentialById tracks by itself; a lookup in the Jenkins context does not.
            CredentialsProvider.track(run, c);
        }
        return c;
    }

    private synchronized String remember(String secret) {
        if (secret != null && !secret.isEmpty()) {
            revealed.add(secret);
        }
        return secret;
    }
}
