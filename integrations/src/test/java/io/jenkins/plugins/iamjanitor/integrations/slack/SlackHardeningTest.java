package io.jenkins.plugins.iamjanitor.integrations.slack;

import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.request;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackRequestVerifier.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 item 8: replays across restarts, oversized bodies, clicks from another workspace or app. */
class SlackHardeningTest {
    private final SlackFixture f = new SlackFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static SlackRequestVerifier verifier(SeenSignatures seen) {
        return new SlackRequestVerifier(SlackSecret.of(SlackRequestVerifierTest.DOC_SECRET),
                Clock.fixed(Instant.ofEpochSecond(1531420618L + 10), ZoneOffset.UTC), seen);
    }

    @Test
    void aReplayAfterARestartIsRefusedWhenTheCacheIsAFile(@TempDir Path state) {
        byte[] body = SlackRequestVerifierTest.DOC_BODY.getBytes(StandardCharsets.UTF_8);
        Path file = state.resolve("slack-seen-signatures");
        assertThat(verifier(new FileSeenSignatures(file)).verify(SlackRequestVerifierTest.DOC_TIMESTAMP,
                SlackRequestVerifierTest.DOC_SIGNATURE, body)).isEqualTo(Result.VALID);

        // a new process: a new verifier and cache object over the same file
        assertThat(verifier(new FileSeenSignatures(file)).verify(SlackRequestVerifierTest.DOC_TIMESTAMP,
                SlackRequestVerifierTest.DOC_SIGNATURE, body)).isEqualTo(Result.REPLAYED);
        assertThat(file).content().doesNotContain(SlackRequestVerifierTest.DOC_SECRET).contains("v0=");
    }

    @Test
    void expiredEntriesAreDroppedSoTheFileStaysSmall(@TempDir Path state) {
        FileSeenSignatures seen = new FileSeenSignatures(state.resolve("seen"));
        Instant t = Instant.ofEpochSecond(1_800_000_000L);
        assertThat(seen.firstSeen("v0=aa", t.plusSeconds(300), t)).isTrue();
        assertThat(seen.firstSeen("v0=bb", t.plusSeconds(900), t.plusSeconds(600))).isTrue();
        assertThat(state.resolve("seen")).content().doesNotContain("v0=aa").contains("v0=bb");
    }

    private SlackInteractionHandler handler(SlackInteractionHandler.Expected expected, Queue<Runnable> queued) {
        return new SlackInteractionHandler(f.channel, new SlackRequestVerifier(SlackSecret.of(SlackFixture.SIGNING),
                Clock.systemUTC()), queued::add, expected);
    }

    private SlackInteractionHandler.Response click(SlackInteractionHandler h, String body) {
        String now = String.valueOf(System.currentTimeMillis() / 1000);
        return h.handleHttp(Map.of("x-slack-request-timestamp", List.of(now),
                "X-SLACK-SIGNATURE", List.of(f.slack.clicks().sign(now, body))), body.getBytes(StandardCharsets.UTF_8));
    }

    private String approveAlice() {
        ApprovalHandle h = f.channel.post(request("rev-1", List.of(verdict("alice", 40)),
                List.of(SlackFixture.APPROVER)));
        return f.slack.clicks().formBody(f.slack.clicks().payload(SlackFixture.APPROVER,
                h.messageIds().get(0), "iamj:approve:alice"));
    }

    @Test
    void aSignedBodyOverTheCapIsRefusedUnprocessed() {
        Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
        String body = approveAlice() + "&pad=" + "x".repeat(SlackInteractionHandler.MAX_BODY_BYTES);
        SlackInteractionHandler.Response r = click(handler(SlackInteractionHandler.Expected.ANY, queued), body);
        assertThat(r.status()).isEqualTo(413);
        assertThat(queued).isEmpty();
    }

    @Test
    void clicksFromAnotherWorkspaceOrAppAreRefused() {
        String body = approveAlice();
        Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
        assertThat(click(handler(new SlackInteractionHandler.Expected("T0OTHER", null), queued), body).status())
                .isEqualTo(403);
        assertThat(click(handler(new SlackInteractionHandler.Expected(null, "A0OTHER"), queued), body).status())
                .isEqualTo(403);
        assertThat(queued).isEmpty();
        String team = f.slack.settings().teamId();
        assertThat(click(handler(new SlackInteractionHandler.Expected(team, "A0SANDBOX"), queued), body).status())
                .isEqualTo(200);
        assertThat(queued).hasSize(1);
    }
}
