package io.jenkins.plugins.iamjanitor.plugin.review;

import java.util.ArrayList;
import java.util.List;

/**
 * What the scan of a build's review was run against and with which policy, recorded by the controller with the
 * review: the later steps delete in the same account with the same identity and re-check with the same policy, whatever
 * the script passes them. A plain class (not a record) because XStream stores it in the build's {@code build.xml}.
 */
public final class ReviewScope {
    private final String awsCredentialsId;
    private final String region;
    private final String roleArn;
    private final int days;
    private final ArrayList<String> exemptUsers;
    private final ArrayList<String> exemptPaths;
    private final ArrayList<String> exemptTags;
    private final ArrayList<String> exemptGroups;

    public ReviewScope(String awsCredentialsId, String region, String roleArn, int days, List<String> exemptUsers,
            List<String> exemptPaths, List<String> exemptTags, List<String> exemptGroups) {
        this.awsCredentialsId = awsCredentialsId;
        this.region = region;
        this.roleArn = roleArn;
        this.days = days;
        this.exemptUsers = new ArrayList<>(exemptUsers);
        this.exemptPaths = new ArrayList<>(exemptPaths);
        this.exemptTags = new ArrayList<>(exemptTags);
        this.exemptGroups = new ArrayList<>(exemptGroups);
    }

    public String awsCredentialsId() {
        return awsCredentialsId;
    }

    public String region() {
        return region;
    }

    public String roleArn() {
        return roleArn;
    }

    public int days() {
        return days;
    }

    public List<String> exemptUsers() {
        return List.copyOf(exemptUsers);
    }

    public List<String> exemptPaths() {
        return List.copyOf(exemptPaths);
    }

    public List<String> exemptTags() {
        return List.copyOf(exemptTags);
    }

    public List<String> exemptGroups() {
        return List.copyOf(exemptGroups);
    }

    /** One line for the record's notes and the build log. */
    public String describe() {
        return "Policy: inactive after " + days + " days; exempt users " + exemptUsers + ", paths " + exemptPaths
                + ", tags " + exemptTags + ", groups " + exemptGroups + "; region " + region
                + (roleArn == null ? "" : ", role " + roleArn);
    }
}
