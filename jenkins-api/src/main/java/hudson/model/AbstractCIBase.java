package hudson.model;

import hudson.security.AccessControlled;

public abstract class AbstractCIBase extends Node implements ItemGroup<Object>, AccessControlled {
    public AbstractCIBase() {
    }
}
