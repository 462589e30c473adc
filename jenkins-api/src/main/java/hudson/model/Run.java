package hudson.model;

import java.io.File;

public abstract class Run<JobT, RunT> extends Actionable {
    private Run() {
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("compile-only shim");
    }

    /** Deprecated upstream (pluggable artifact managers); the standard manager serves files written here. */
    @Deprecated
    public File getArtifactsDir() {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
