package io.jenkins.plugins.iamjanitor.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords.Button;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords.Click;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords.Message;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackSettings.ScriptedApprover;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Clicks IAM Janitor's per-user buttons unattended, so a sandbox demo runs without a person: after the configured
 * delay, every posted review message gets "approve" for the users listed under {@code approve} (or {@code "*"}) and
 * "keep" for those under {@code keep}; other users are left to time out.
 *
 * <p>Like a person whose click did not go through, it clicks again: when there is nowhere to deliver the click yet
 * (the app's Socket Mode connection is being re-established), when a Socket Mode envelope is not acknowledged within
 * Slack's 3 seconds (the socket died under it), or when the HTTP callback answers 5xx. A click is only given up (with
 * a warning) after {@link #MAX_ATTEMPTS}; a second click on an already decided user changes nothing in the app.
 */
final class SlackScriptedApprover implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SlackScriptedApprover.class.getName());
    static final int MAX_ATTEMPTS = 10;
    private static final long ACK_WAIT_MILLIS = 3000;
    private static final long RETRY_DELAY_MILLIS = 200;

    private final SlackEmulator emulator;
    private final ScriptedApprover script;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slack-scripted-approver");
        t.setDaemon(true);
        return t;
    });
    private final List<Click> clicks = new CopyOnWriteArrayList<>();
    private volatile URI callback;

    SlackScriptedApprover(SlackEmulator emulator, ScriptedApprover script) {
        this.emulator = emulator;
        this.script = script;
        this.callback = script.callbackUrl() == null ? null : URI.create(script.callbackUrl());
        emulator.onPosted(m -> scheduler.schedule(() -> act(m), script.delay().toMillis(), TimeUnit.MILLISECONDS));
    }

    void setCallback(URI callback) {
        this.callback = callback;
    }

    List<Click> clicks() {
        return List.copyOf(clicks);
    }

    private void act(Message m) {
        for (Button b : SlackRecords.buttons(m.blocks())) {
            String user = userOf(b);
            if (user == null) {
                continue;
            }
            boolean keep = script.keep().contains(user);
            boolean approve = !keep && (script.approve().contains(user) || script.approve().contains("*"));
            String wanted = keep ? "iamj:keep:" : approve ? "iamj:approve:" : null;
            if (wanted == null || !b.actionId().startsWith(wanted)) {
                continue;
            }
            click(m.ts(), b.actionId(), 1);
        }
    }

    private void click(String ts, String actionId, int attempt) {
        Click click;
        try {
            click = deliver(ts, actionId);
        } catch (RuntimeException e) {
            retry(ts, actionId, attempt, e.getMessage());
            return;
        }
        clicks.add(click);
        if (click.envelopeId() != null) {
            scheduler.schedule(() -> {
                if (!emulator.acked(click.envelopeId())) {
                    retry(ts, actionId, attempt, "the Socket Mode envelope was not acknowledged");
                }
            }, ACK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } else if (click.httpStatus() >= 500) {
            retry(ts, actionId, attempt, "the callback answered HTTP " + click.httpStatus());
        }
    }

    private void retry(String ts, String actionId, int attempt, String why) {
        if (attempt >= MAX_ATTEMPTS) {
            LOG.warning(() -> "scripted approver gave up clicking " + actionId + " after " + attempt + " attempts: "
                    + why);
            return;
        }
        scheduler.schedule(() -> click(ts, actionId, attempt + 1), RETRY_DELAY_MILLIS * attempt,
                TimeUnit.MILLISECONDS);
    }

    private Click deliver(String ts, String actionId) {
        boolean socket = switch (script.via()) {
            case "socket" -> true;
            case "http" -> false;
            default -> emulator.openSockets() > 0;
        };
        if (socket) {
            return emulator.clicks().viaSocket(script.as(), ts, actionId);
        }
        if (callback == null) {
            throw new IllegalStateException("no Socket Mode connection and no callback URL to deliver the click to");
        }
        return emulator.clicks().viaHttp(callback, script.as(), ts, actionId);
    }

    private String userOf(Button b) {
        if (b.value() == null) {
            return null;
        }
        try {
            JsonNode v = json.readTree(b.value());
            return v != null && v.path("u").isTextual() ? v.path("u").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
