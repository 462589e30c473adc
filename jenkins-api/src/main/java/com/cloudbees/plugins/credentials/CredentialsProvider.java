package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.ItemGroup;
import hudson.model.Run;
import java.util.List;

/** Upstream also implements IconSpec (omitted: not used). */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {
    public CredentialsProvider() {
    }

    /** Deprecated upstream (runs as SYSTEM); used where no Run exists: the global page and the Slack endpoint. */
    @Deprecated
    public static <C extends Credentials> List<C> lookupCredentials(Class<C> type, ItemGroup itemGroup) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
            List<?> domainRequirements) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
