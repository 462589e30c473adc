package io.jenkins.plugins.iamjanitor.core.review;

/**
 * An optional second human gate before deletion. It sees the whole record (approved users, ticket, CloudTrail
 * evidence) and answers once; the answer is recorded so a resumed review never asks again.
 */
@FunctionalInterface
public interface ConfirmationGate {

    GateDecision confirm(ReviewRecord record);
}
