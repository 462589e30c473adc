package io.jenkins.plugins.iamjanitor.integrations.slack;

/** Where chat.postMessage put a message: the channel id and the message ts (its id). */
public record PostedMessage(String channel, String ts) {
}
