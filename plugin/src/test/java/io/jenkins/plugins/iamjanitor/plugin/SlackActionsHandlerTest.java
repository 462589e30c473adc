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
    final SlackCallback callback = (ts, sig, raw) -> {
        calls.add(ts + " " + sig + " " + raw.length);
        return SlackCallback.Reply.of(200, "");
    };

    @Test
    void aPostIsHandedOverWithItsSlackHeadersAndRawBody() {
        SlackCallback.Reply reply = new SlackActionsHandler(() -> callback).handle("POST", "1700000000", "v0=ab",
                body);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(calls).containsExactly("1700000000 v0=ab " + body.length);
    }

    @Test
    void notConfiguredWrongMethodAndOversizedBodiesAreRefusedUnread() throws Exception {
        assertThat(new SlackActionsHandler(() -> null).handle("POST", "1", "v0=x", body).status()).isEqualTo(404);
        assertThat(new SlackActionsHandler(() -> callback).handle("GET", "1", "v0=x", body).status())
                .isEqualTo(405);
        byte[] big = new byte[SlackActionsHandler.MAX_BODY_BYTES + 1];
        assertThat(SlackActionsEndpoint.readLimited(new ByteArrayInputStream(big))).isNull();
        assertThat(SlackActionsEndpoint.readLimited(new ByteArrayInputStream(body))).isEqualTo(body);
        assertThat(new SlackActionsHandler(() -> callback).handle("POST", "1", "v0=x", null).status())
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
