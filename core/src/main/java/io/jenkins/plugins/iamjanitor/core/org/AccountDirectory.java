package io.jenkins.plugins.iamjanitor.core.org;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.util.List;

/**
 * Lists the accounts an organisation-wide run may cover: AWS Organizations (from the management or a
 * delegated-administrator account), or an explicit list. Read-only. Adapters throw
 * {@link io.jenkins.plugins.iamjanitor.core.port.ServiceException} when the listing itself fails.
 */
public interface AccountDirectory {

    /** Every account, suspended ones included (the {@link AccountFilter} decides), in any order. */
    List<OrgAccount> listAccounts(ProgressListener progress);
}
