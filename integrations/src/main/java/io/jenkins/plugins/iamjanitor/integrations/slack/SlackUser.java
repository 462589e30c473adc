package io.jenkins.plugins.iamjanitor.integrations.slack;

/** The parts of users.info we use. email needs the users:read.email scope; may be null. */
public record SlackUser(String id, String name, String realName, String email) {
    public String displayName() {
        return realName != null && !realName.isBlank() ? realName : name != null && !name.isBlank() ? name : id;
    }
}
