package io.jenkins.plugins.iamjanitor.cli.review;

import java.util.ArrayList;
import java.util.List;

/** What a set of review services opened, closed in reverse order (clients before the servers they talk to). */
final class Resources implements AutoCloseable {
    private final List<AutoCloseable> opened = new ArrayList<>();

    <T extends AutoCloseable> T keep(T resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // Closing clients and loopback servers: nothing useful to do about a failure here.
            }
        }
        opened.clear();
    }
}
