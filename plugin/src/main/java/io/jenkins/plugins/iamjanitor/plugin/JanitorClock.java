package io.jenkins.plugins.iamjanitor.plugin;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import java.time.Clock;

/**
 * The clock every step and page action reads "now" from. Production registers none and gets the system's UTC clock;
 * a test registers one ({@code @TestExtension}) to move time forward, e.g. past a quarantine's deletion date, through
 * the real Jenkins instead of a fake services object.
 */
public abstract class JanitorClock implements ExtensionPoint {

    public abstract Clock clock();

    /** The first registered clock, else the system's UTC clock. */
    static Clock current() {
        ExtensionList<JanitorClock> all = ExtensionList.lookup(JanitorClock.class);
        return all.isEmpty() ? Clock.systemUTC() : all.get(0).clock();
    }
}
