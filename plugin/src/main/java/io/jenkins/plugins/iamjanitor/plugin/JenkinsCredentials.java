package io.jenkins.plugins.iamjanitor.plugin;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Reads secrets out of the Credentials plugin by id: as the build (when there is one) or as the system (the
 * configuration page, the Slack endpoint). Every value read is remembered so the build log can mask it.
 */
final class JenkinsCredentials {
    private final Run<?, ?> run;
    private final List<String> revealed = new ArrayList<>();

    JenkinsCredentials(Run<?, ?> run) {
        this.run = run;
    }

    /** An access key pair; toString never shows the secret. */
    record AwsKeys(String accessKeyId, String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "AwsKeys[" + accessKeyId + ", secret ****]";
        }
    }

    synchronized List<String> revealed() {
        return List.copyOf(revealed);
    }

    String secretText(String id, String what) {
        StringCredentials c = find(id, StringCredentials.class, what);
        return remember(c.getSecret().getPlainText());
    }

    /** Username/password (Jira Cloud email + API token) or a Secret-text token (Jira Data Center PAT). */
    StandardCredentials jira(String id) {
        return find(id, StandardCredentials.class, "Jira credentials");
    }

    String password(StandardUsernamePasswordCredentials c) {
        String password = remember(c.getPassword().getPlainText());
        // Jira Cloud sends email:token as Basic auth: mask that encoded form too.
        remember(Base64.getEncoder().encodeToString((c.getUsername() + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
        return password;
    }

    /**
     * AWS credentials (aws-credentials plugin, read reflectively so that its AWS SDK classes never meet ours) or
     * username/password holding the access key id and secret access key.
     */
    AwsKeys aws(String id) {
        StandardCredentials c = find(id, StandardCredentials.class, "AWS credentials");
        if (c instanceof StandardUsernamePasswordCredentials up) {
            return new AwsKeys(up.getUsername(), remember(up.getPassword().getPlainText()), null);
        }
        try {
            Object creds = c.getClass().getMethod("resolveCredentials").invoke(c);
            String keyId = (String) call(creds, "accessKeyId");
            String secret = remember((String) call(creds, "secretAccessKey"));
            Object token = optionalCall(creds, "sessionToken");
            return new AwsKeys(keyId, secret, token == null ? null : remember(token.toString()));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ServiceException("Jenkins", "credentials", null, "credentials '" + id
                    + "' are neither AWS credentials nor username/password (access key id / secret access key)");
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    private static Object optionalCall(Object target, String method) throws ReflectiveOperationException {
        try {
            return call(target, method);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @SuppressWarnings("deprecation")
    private <C extends IdCredentials> C find(String id, Class<C> type, String what) {
        if (id == null) {
            throw new ServiceException("Jenkins", "credentials", null, "no " + what + " configured");
        }
        C c = run != null ? CredentialsProvider.findCredentialById(id, type, run, List.of())
                : CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentials(type, Jenkins.get()),
                        CredentialsMatchers.withId(id));
        if (c == null) {
            throw new ServiceException("Jenkins", "credentials", null, "no " + what + " with id '" + id
                    + "' (of the expected kind) visible to " + (run == null ? "the system" : "this build"));
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
