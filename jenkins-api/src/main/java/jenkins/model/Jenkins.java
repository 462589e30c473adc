package jenkins.model;

import hudson.model.AbstractCIBase;
import hudson.security.AccessControlled;
import hudson.security.Permission;

public class Jenkins extends AbstractCIBase implements AccessControlled {
    /** Not a compile-time constant: the value is only known at run time. */
    public static final Permission ADMINISTER = shim();

    private Jenkins() {
    }

    private static Permission shim() {
        return null;
    }

    public static Jenkins get() {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public String getRootUrl() {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
