package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import org.junit.jupiter.api.Test;

class ErrorLineTest {
    @Test
    void credentialChainDumpBecomesAHint() {
        ServiceException e = new ServiceException("IAM", "ListUsers", null, "Unable to load credentials from any of "
                + "the providers in the chain AwsCredentialsProviderChain(credentialsProviders=[...]) : [...]");
        assertThat(IamJanitorCli.oneLine(e)).isEqualTo("IAM ListUsers failed: no AWS credentials found (set "
                + "AWS_PROFILE or AWS_ACCESS_KEY_ID, or use --profile, --role-arn or --sandbox)");
    }

    @Test
    void multiLineMessagesBecomeOneLine() {
        assertThat(IamJanitorCli.oneLine(new IllegalStateException("first\n  second\r\nthird"))).isEqualTo(
                "first second third");
        assertThat(IamJanitorCli.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
