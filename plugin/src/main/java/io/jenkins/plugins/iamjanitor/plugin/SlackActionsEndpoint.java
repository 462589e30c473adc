package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code /iam-janitor/slack/actions}: Slack's interactivity request URL. Unprotected because Slack cannot log in; the
 * Slack signature (checked first, see {@link SlackActionsHandler}) is the authentication, and
 * {@link SlackActionsCrumbExclusion} lets exactly this path through the CSRF filter.
 */
@Extension
public class SlackActionsEndpoint implements UnprotectedRootAction {
    static final String URL_NAME = "iam-janitor";

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    public SlackPath getSlack() {
        return new SlackPath();
    }

    /** Stapler binds {@code /iam-janitor/slack/actions} to {@link #doActions}. */
    public static final class SlackPath {
        @POST
        public void doActions(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
            byte[] body = readLimited(req.getInputStream());
            SlackCallback.Reply reply = new SlackActionsHandler(SlackRuntime::callback).handle(req.getMethod(),
                    req.getHeader(SlackActionsHandler.TIMESTAMP_HEADER),
                    req.getHeader(SlackActionsHandler.SIGNATURE_HEADER), body);
            rsp.setStatus(reply.status());
            rsp.setContentType(reply.contentType());
            byte[] out = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            rsp.getOutputStream().write(out);
        }
    }

    static byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes(SlackActionsHandler.MAX_BODY_BYTES + 1);
        return body.length > SlackActionsHandler.MAX_BODY_BYTES ? null : body;
    }
}
