package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.core.deletion.StepResult;
import io.jenkins.plugins.iamjanitor.core.port.IamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineStep;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;

/** {@link IamQuarantineAdmin} on AWS IAM: one SDK call per quarantine or release step. */
public final class AwsIamQuarantineAdmin implements IamQuarantineAdmin {
    private final IamClient iam;

    public AwsIamQuarantineAdmin(IamClient iam) {
        this.iam = iam;
    }

    @Override
    public StepResult apply(QuarantineStep step) {
        String user = step.userName();
        String target = step.target();
        Runnable request = switch (step.action()) {
            case PUT_DENY_POLICY -> () -> iam.putUserPolicy(r -> r.userName(user).policyName(target)
                    .policyDocument(step.value()));
            case DEACTIVATE_ACCESS_KEY -> () -> iam.updateAccessKey(r -> r.userName(user).accessKeyId(target)
                    .status(StatusType.INACTIVE));
            case ACTIVATE_ACCESS_KEY -> () -> iam.updateAccessKey(r -> r.userName(user).accessKeyId(target)
                    .status(StatusType.ACTIVE));
            case DELETE_LOGIN_PROFILE -> () -> iam.deleteLoginProfile(r -> r.userName(user));
            case TAG_USER -> () -> iam.tagUser(r -> r.userName(user).tags(t -> t.key(target).value(step.value())));
            case UNTAG_USER -> () -> iam.untagUser(r -> r.userName(user).tagKeys(target));
            case DELETE_DENY_POLICY -> () -> iam.deleteUserPolicy(r -> r.userName(user).policyName(target));
        };
        try {
            request.run();
            return StepResult.DONE;
        } catch (NoSuchEntityException e) {
            // Only removals can find their target gone; for the others a missing user or key is an error.
            if (step.action() == io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineAction.DELETE_LOGIN_PROFILE
                    || step.action() == io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineAction
                    .DELETE_DENY_POLICY) {
                return StepResult.ALREADY_GONE;
            }
            throw AwsCalls.translate(step.action().apiName(), e);
        } catch (SdkException e) {
            throw AwsCalls.translate(step.action().apiName(), e);
        }
    }

    @Override
    public void createLoginProfile(String userName, char[] initialPassword) {
        try {
            iam.createLoginProfile(r -> r.userName(userName).password(new String(initialPassword))
                    .passwordResetRequired(true));
        } catch (SdkException e) {
            // AwsCalls keeps only AWS's error code and message, which never echo the password.
            throw AwsCalls.translate("CreateLoginProfile", e);
        }
    }
}
