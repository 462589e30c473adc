package io.jenkins.plugins.iamjanitor.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.integrations.slack.SlackRequestVerifier.Result;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackRequestVerifierTest {
    // Slack's worked example from "Verifying requests from Slack"
    // (https://api.slack.com/authentication/verifying-requests-from-slack, now docs.slack.dev/authentication/...).
    static final String DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String DOC_TIMESTAMP = "1531420618";
    static final String DOC_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String DOC_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static byte[] body() {
        return DOC_BODY.getBytes(StandardCharsets.UTF_8);
    }

    private static SlackRequestVerifier at(long epochSecond) {
        return new SlackRequestVerifier(SlackSecret.of(DOC_SECRET),
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void signsSlacksPublishedExampleExactly() {
        assertThat(SlackRequestVerifier.sign(SlackSecret.of(DOC_SECRET), DOC_TIMESTAMP, body()))
                .isEqualTo(DOC_SIGNATURE);
    }

    @Test
    void acceptsThePublishedExampleWithinTheWindow() {
        assertThat(at(1531420618L + 299).verify(DOC_TIMESTAMP, DOC_SIGNATURE, body())).isEqualTo(Result.VALID);
    }

    @Test
    void refusesAForgedSignatureOrAlteredBody() {
        SlackRequestVerifier v = at(1531420618L);
        String forged = "v0=b2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        assertThat(v.verify(DOC_TIMESTAMP, forged, body())).isEqualTo(Result.BAD_SIGNATURE);
        byte[] altered = DOC_BODY.replace("roadrunner", "coyote").getBytes(StandardCharsets.UTF_8);
        assertThat(v.verify(DOC_TIMESTAMP, DOC_SIGNATURE, altered)).isEqualTo(Result.BAD_SIGNATURE);
        SlackRequestVerifier otherSecret = new SlackRequestVerifier(SlackSecret.of("another-secret"),
                Clock.fixed(Instant.ofEpochSecond(1531420618L), ZoneOffset.UTC));
        assertThat(otherSecret.verify(DOC_TIMESTAMP, DOC_SIGNATURE, body())).isEqualTo(Result.BAD_SIGNATURE);
        assertThat(Result.BAD_SIGNATURE.httpStatus()).isEqualTo(401);
    }

    @Test
    void refusesTimestampsOlderOrNewerThanFiveMinutes() {
        assertThat(at(1531420618L + 301).verify(DOC_TIMESTAMP, DOC_SIGNATURE, body())).isEqualTo(Result.STALE);
        assertThat(at(1531420618L - 301).verify(DOC_TIMESTAMP, DOC_SIGNATURE, body())).isEqualTo(Result.STALE);
        assertThat(Result.STALE.httpStatus()).isEqualTo(401);
    }

    @Test
    void refusesAReplayOfAnAcceptedRequest() {
        SlackRequestVerifier v = at(1531420618L + 10);
        assertThat(v.verify(DOC_TIMESTAMP, DOC_SIGNATURE, body())).isEqualTo(Result.VALID);
        assertThat(v.verify(DOC_TIMESTAMP, DOC_SIGNATURE, body())).isEqualTo(Result.REPLAYED);
    }

    @Test
    void refusesMissingAndMalformedHeadersAsBadRequests() {
        SlackRequestVerifier v = at(1531420618L);
        assertThat(v.verify(null, DOC_SIGNATURE, body())).isEqualTo(Result.MISSING_HEADERS);
        assertThat(v.verify(DOC_TIMESTAMP, "", body())).isEqualTo(Result.MISSING_HEADERS);
        assertThat(v.verify("yesterday", DOC_SIGNATURE, body())).isEqualTo(Result.MALFORMED_HEADERS);
        assertThat(v.verify(DOC_TIMESTAMP, "v1=" + DOC_SIGNATURE.substring(3), body()))
                .isEqualTo(Result.MALFORMED_HEADERS);
        assertThat(v.verify(DOC_TIMESTAMP, "v0=abc", body())).isEqualTo(Result.MALFORMED_HEADERS);
        assertThat(Result.MALFORMED_HEADERS.httpStatus()).isEqualTo(400);
    }

    @Test
    void secretNeverShowsInToString() {
        assertThat(SlackSecret.of(DOC_SECRET).toString()).doesNotContain(DOC_SECRET);
        assertThat(at(0).toString()).doesNotContain(DOC_SECRET);
    }
}
