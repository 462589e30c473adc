package io.jenkins.plugins.iamjanitor.core.port;

import java.util.List;

/**
 * The ids of users' access keys, read when a stage needs them. The scan's cheap path (the credential report) names
 * keys by slot only, and their ids have no bulk read; CloudTrail finds events made with a key by its id (such events
 * do not always carry the user name), so the CloudTrail stage reads the ids of the users it checks, and only theirs.
 * {@link IamDirectory#accessKeyIds} is the usual implementation.
 */
@FunctionalInterface
public interface AccessKeyIds {

    /**
     * For each user, in the order given, the ids of the access keys IAM lists for it now; an empty list for a user
     * that no longer exists.
     *
     * @throws ServiceException when the ids of some user could not be read: a CloudTrail check must not go on
     *                          without them, or an event made with the key could be missed
     */
    List<List<String>> read(List<String> userNames, ProgressListener progress);
}
