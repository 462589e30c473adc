package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.port.ServiceException;

/** IAM refused a delete because a dependent still exists (DeleteConflict, HTTP 409). */
public class DeleteConflictException extends ServiceException {
    public DeleteConflictException(String operation, String message) {
        super("IAM", operation, "DeleteConflict", message);
    }
}
