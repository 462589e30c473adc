package io.jenkins.plugins.iamjanitor.core.port;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
     * Details for several users, in the order given. A backend may read in bulk or in parallel; this default reads
     * one user after the other. A user whose details cannot be read comes back {@link DetailRead#failed}.
     */
    default List<DetailRead> withDetails(List<IamUser> users, ProgressListener progress) {
        List<DetailRead> out = new ArrayList<>(users.size());
        for (IamUser user : users) {
            try {
                out.add(DetailRead.ok(withDetails(user)));
            } catch (ServiceException e) {
                out.add(DetailRead.failed(user, "tags, groups and other credentials could not be read ("
                        + e.getMessage() + ")"));
            }
        }
        return out;
    }

    /**
     * The account's alias (AWS: {@code iam:ListAccountAliases}, one call), read from IAM itself so that the name an
     * approver sees beside the account id is the account's own, not one a caller supplied. Empty when the account
     * has none or the backend has no such notion.
     *
     * @throws ServiceException when it cannot be read (e.g. AccessDenied): callers treat that as a warning
     */
    default Optional<String> accountAlias() {
        return Optional.empty();
    }

    /**
     * A live, per-user read that bypasses any cached report: the user, its password and every access key with its
     * last use. Used for the re-check right before deletion. Empty when the user no longer exists.
     */
    Optional<IamUser> fetchLive(String userName);

    /**
     * The ids of the access keys each user has now (see {@link AccessKeyIds}), in the order given. This default reads
     * each user live ({@link #fetchLive}); a backend overrides it with its cheapest call.
     */
    default List<List<String>> accessKeyIds(List<String> userNames, ProgressListener progress) {
        return userNames.stream().map(name -> fetchLive(name)
                .map(u -> u.accessKeys().stream().map(AccessKey::accessKeyId).filter(Objects::nonNull).toList())
                .orElse(List.of())).toList();
    }
}
