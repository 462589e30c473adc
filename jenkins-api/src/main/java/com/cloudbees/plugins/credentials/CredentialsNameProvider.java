package com.cloudbees.plugins.credentials;

public abstract class CredentialsNameProvider<C extends Credentials> {
    public CredentialsNameProvider() {
    }

    public abstract String getName(C credentials);

    public static String name(Credentials credentials) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
