package io.jenkins.plugins.iamjanitor.plugin;

import java.util.function.Supplier;

/**
 * What {@code POST /iam-janitor/slack/actions} does, free of servlet types: refuse what is not a bounded POST, then
 * hand the raw request to the Slack callback, which verifies the signature before anything else.
 */
final class SlackActionsHandler {
    static final String SIGNATURE_HEADER = "X-Slack-Signature";
    static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    /** Slack interactivity payloads are small; anything bigger is refused unread. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final Supplier<SlackCallback> callback;

    SlackActionsHandler(Supplier<SlackCallback> callback) {
        this.callback = callback;
    }

    SlackCallback.Reply handle(String method, String timestamp, String signature, byte[] body) {
        if (!"POST".equals(method)) {
            return SlackCallback.Reply.of(405, "POST only");
        }
        if (body == null) {
            return SlackCallback.Reply.of(413, "payload too large");
        }
        SlackCallback cb = callback.get();
        if (cb == null) {
            return SlackCallback.Reply.of(404, "Slack interactivity is not configured (no signing secret)");
        }
        return cb.handle(timestamp, signature, body);
    }
}
