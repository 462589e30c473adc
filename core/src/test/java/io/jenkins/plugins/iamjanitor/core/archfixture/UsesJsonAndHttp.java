package io.jenkins.plugins.iamjanitor.core.archfixture;

/** Breaks the core rules on purpose, so the ArchUnit test can prove its rules catch a violation. */
public final class UsesJsonAndHttp {
    public Object client() {
        return java.net.http.HttpClient.newHttpClient();
    }

    public Class<?> notJdk() {
        return org.junit.jupiter.api.Test.class;
    }
}
