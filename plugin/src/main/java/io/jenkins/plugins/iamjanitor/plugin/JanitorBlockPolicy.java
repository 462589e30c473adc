package io.jenkins.plugins.iamjanitor.plugin;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy files an {@code iamJanitor { ... }} block gives the steps inside it, outermost block first. Put in the
 * body's context ({@code getContext().get(JanitorBlockPolicy.class)}), so Pipeline keeps it with the program across a
 * restart: strings only. A nested block adds its file after its parent's, and each is merged over the one before with
 * the job rules (it may only add exemptions or tighten).
 */
public final class JanitorBlockPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One block's file: a workspace path or YAML text (exactly one of them). */
    static final class Entry implements Serializable {
        private static final long serialVersionUID = 1L;
        final String config;
        final String configText;

        Entry(String config, String configText) {
            this.config = config;
            this.configText = configText;
        }
    }

    private final ArrayList<Entry> entries;

    private JanitorBlockPolicy(List<Entry> entries) {
        this.entries = new ArrayList<>(entries);
    }

    /** The context of a block inside {@code outer} (null at the top level). */
    static JanitorBlockPolicy inside(JanitorBlockPolicy outer, String config, String configText) {
        List<Entry> all = new ArrayList<>(outer == null ? List.of() : outer.entries);
        all.add(new Entry(config, configText));
        return new JanitorBlockPolicy(all);
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }
}
