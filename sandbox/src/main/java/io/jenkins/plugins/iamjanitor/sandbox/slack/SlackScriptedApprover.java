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
 */
final class SlackScriptedApprover implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SlackScriptedApprover.class.getName());

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
            try {
                clicks.add(deliver(m.ts(), b.actionId()));
            } catch (RuntimeException e) {
                LOG.warning(() -> "scripted approver could not click " + b.actionId() + ": " + e.getMessage());
            }
        }
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
