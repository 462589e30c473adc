package io.jenkins.plugins.iamjanitor.plugin;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which jobs may act with the plugin's AWS identity, as the administrator chose in the global configuration. A
 * Jenkinsfile is code anyone with push access writes, so the identity (and an override of the role) is granted to jobs
 * by full name, never taken from the script; the controller's own credential chain (instance profile, environment) is
 * used only when the administrator enabled it explicitly.
 *
 * @param allowedJobs       full job-name patterns ({@code *} within one folder level, {@code **} across levels)
 * @param roleOverrideJobs  patterns of jobs that may pass their own {@code roleArn}
 * @param defaultChain      whether the controller's default AWS credential chain may be used
 */
record JobAuthority(List<String> allowedJobs, List<String> roleOverrideJobs, boolean defaultChain) {
    static final String WHERE = "Manage Jenkins → System → IAM Janitor → Job authority";

    JobAuthority {
        allowedJobs = List.copyOf(allowedJobs);
        roleOverrideJobs = List.copyOf(roleOverrideJobs);
    }

    static JobAuthority of(IamJanitorConfiguration config) {
        return new JobAuthority(IamJanitorConfiguration.split(config.getAwsAllowedJobs()),
                IamJanitorConfiguration.split(config.getAwsRoleOverrideJobs()), config.isAwsUseDefaultChain());
    }

    /**
     * Fails unless the job may use this AWS target.
     *
     * @param ownRole whether the step itself chose the role (an override of the configured one)
     */
    /**
     * The AWS target a step's own arguments name ({@code awsCredentialsId}, {@code region}, {@code roleArn}), filled
     * in from the configuration, once this job may use it (and may pass its own role, when it does).
     */
    AwsTarget target(String job, String credentialsId, String region, String roleArn, AwsTarget defaults) {
        String ownRole = StepArguments.roleArn("roleArn", roleArn);
        AwsTarget target = new AwsTarget(credentialsId, StepArguments.region("region", region), ownRole, null)
                .orElse(defaults);
        check(job, target, ownRole != null);
        return target;
    }

    void check(String job, AwsTarget effective, boolean ownRole) {
        if (!matchesAny(allowedJobs, job)) {
            throw new IllegalArgumentException("job '" + job + "' may not use the IAM Janitor AWS identity: an"
                    + " administrator must add it to 'Jobs allowed to use AWS' (" + WHERE + ")");
        }
        if (ownRole && !matchesAny(roleOverrideJobs, job)) {
            throw new IllegalArgumentException("job '" + job + "' may not override roleArn: an administrator must add"
                    + " it to 'Jobs allowed to override the role' (" + WHERE + ")");
        }
        if (effective.credentialsId() == null && !defaultChain) {
            throw new IllegalArgumentException("no AWS credentials are configured and the controller's default"
                    + " credential chain is not enabled: choose AWS credentials or enable 'Use the controller's default"
                    + " AWS credential chain' (" + WHERE + ")");
        }
    }

    static boolean matchesAny(List<String> patterns, String job) {
        return patterns.stream().anyMatch(p -> glob(p).matcher(job).matches());
    }

    /** {@code **} matches across folders, {@code *} and {@code ?} within one name; everything else literally. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
