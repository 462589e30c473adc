package io.jenkins.plugins.iamjanitor.plugin;

/** Handles one Slack interactivity request: verifies its signature first and only then looks at the payload. */
@FunctionalInterface
public interface SlackCallback {
    Reply handle(String timestamp, String signature, byte[] rawBody);

    record Reply(int status, String contentType, String body) {
        static Reply of(int status, String text) {
            return new Reply(status, "text/plain;charset=UTF-8", text);
        }
    }
}
