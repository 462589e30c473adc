package io.jenkins.plugins.iamjanitor.core.port;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.util.Objects;

/**
 * One user's detail read: the user with its details, or (when {@code unreadable} is set) the user as it was, with
 * the reason some details could not be read. An unreadable user must never be flagged on a guess.
 */
public record DetailRead(IamUser user, String unreadable) {
    public DetailRead {
        Objects.requireNonNull(user, "user");
    }

    public static DetailRead ok(IamUser user) {
        return new DetailRead(user, null);
    }

    public static DetailRead failed(IamUser user, String reason) {
        return new DetailRead(user, Objects.requireNonNull(reason, "reason"));
    }

    public boolean ok() {
        return unreadable == null;
    }
}
