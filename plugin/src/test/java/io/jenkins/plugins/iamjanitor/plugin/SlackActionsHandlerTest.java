package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackActionsHandlerTest {
    final List<String> calls = new ArrayList<>();
    final byte[] body = "payload=%7B%22type%22%3A%22block_actions%22%7D".getBytes(StandardCharsets.UTF_8);

    SlackCallback callback(int verdict) {
        return new SlackCallback() {
            @Override
            public int verify(String timestamp, String signature, byte[] rawBody) {
                calls.add("verify " + timestamp + " " + signature + " " + rawBody.length);
                return verdict;
            }

            @Override
            public Reply handle(byte[] rawBody) {
                calls.add("handle");
                return new Reply(200, "application/json", "{}");
            }
        };
    }

    @Test
    void aForgedRequestIsRefusedBeforeAnythingElseHappens() {
        SlackCallback.Reply reply = new SlackActionsHandler(() -> callback(401)).handle("POST", "1700000000",
                "v0=forged", body);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(calls).containsExactly("verify 1700000000 v0=forged " + body.length);
    }

    @Test
    void aRequestWithoutSlackHeadersIsABadRequest() {
        assertThat(new SlackActionsHandler(() -> callback(400)).handle("POST", null, null, body).status())
                .isEqualTo(400);
        assertThat(calls).doesNotContain("handle");
    }

    @Test
    void aVerifiedRequestReachesTheDecisionHandler() {
        SlackCallback.Reply reply = new SlackActionsHandler(() -> callback(200)).handle("POST", "1700000000",
                "v0=good", body);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(calls).containsExactly("verify 1700000000 v0=good " + body.length, "handle");
    }

    @Test
    void notConfiguredWrongMethodAndOversizedBodiesAreRefused() throws Exception {
        assertThat(new SlackActionsHandler(() -> null).handle("POST", "1", "v0=x", body).status()).isEqualTo(503);
        assertThat(new SlackActionsHandler(() -> callback(200)).handle("GET", "1", "v0=x", body).status())
                .isEqualTo(405);
        byte[] big = new byte[SlackActionsHandler.MAX_BODY_BYTES + 1];
        assertThat(SlackActionsEndpoint.readLimited(new ByteArrayInputStream(big))).isNull();
        assertThat(new SlackActionsHandler(() -> callback(200)).handle("POST", "1", "v0=x", null).status())
                .isEqualTo(413);
        assertThat(calls).isEmpty();
    }

    @Test
    void theCrumbExclusionCoversExactlyTheActionsPath() {
        assertThat(SlackActionsCrumbExclusion.exempt("/iam-janitor/slack/actions")).isTrue();
        assertThat(SlackActionsCrumbExclusion.exempt("/iam-janitor/slack/actions/")).isTrue();
        assertThat(SlackActionsCrumbExclusion.exempt("/iam-janitor/slack/actions/../../script")).isFalse();
        assertThat(SlackActionsCrumbExclusion.exempt("/iam-janitor/slack")).isFalse();
        assertThat(SlackActionsCrumbExclusion.exempt("/iam-janitor/slack/actionsX")).isFalse();
        assertThat(SlackActionsCrumbExclusion.exempt("/script")).isFalse();
        assertThat(SlackActionsCrumbExclusion.exempt(null)).isFalse();
        assertThat(new SlackActionsEndpoint().getUrlName()).isEqualTo("iam-janitor");
    }
}
