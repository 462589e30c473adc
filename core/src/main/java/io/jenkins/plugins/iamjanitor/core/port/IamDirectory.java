package io.jenkins.plugins.iamjanitor.core.port;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.util.List;
import java.util.Optional;

/** Read-only view of an account's IAM users. */
public interface IamDirectory {

    /**
     * Every user with its credentials' state, as cheaply as the backend allows (AWS: the credential report joined
     * with ListUsers; per-user calls when the report is unavailable). Tags and groups may be left null.
     */
    List<IamUser> listUsers(ProgressListener progress);

    /** The same user with tags and groups filled in (and any credential lists the cheap path left out). */
    IamUser withDetails(IamUser user);

    /**
     * A live, per-user read that bypasses any cached report: the user, its password and every access key with its
     * last use. Used for the re-check right before deletion. Empty when the user no longer exists.
     */
    Optional<IamUser> fetchLive(String userName);
}
