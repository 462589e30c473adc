package io.jenkins.plugins.iamjanitor.plugin;

/**
 * Slack's side of an interactivity request, split in the order the endpoint must follow: {@link #verify} first, and
 * {@link #handle} only for a request that passed.
 */
public interface SlackCallback {
    /** The HTTP status to refuse with (400/401/503), or 200 when the signature is valid and fresh. */
    int verify(String timestamp, String signature, byte[] rawBody);

    Reply handle(byte[] rawBody);

    record Reply(int status, String contentType, String body) {
        static Reply of(int status, String text) {
            return new Reply(status, "text/plain;charset=UTF-8", text);
        }
    }
}
