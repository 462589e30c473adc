package hudson.model;

import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;

public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {
    protected Descriptor() {
    }

    protected Descriptor(Class<? extends T> clazz) {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only shim");
    }

    @Override
    public synchronized void load() {
        // no-op: unit tests of the plugin's descriptors run against the shim
    }

    @Override
    public synchronized void save() {
        // no-op: unit tests of the plugin's descriptors run against the shim
    }
}
