package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Slack cannot send a Jenkins crumb: exempt exactly the interactivity path (its signature is checked instead). */
@Extension
public class SlackActionsCrumbExclusion extends CrumbExclusion {
    static final String PATH = "/" + SlackActionsEndpoint.URL_NAME + "/slack/actions";

    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (exempt(request.getPathInfo())) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }

    /** Exactly the path (a trailing slash allowed); nothing below or beside it. */
    static boolean exempt(String pathInfo) {
        return PATH.equals(pathInfo) || (PATH + "/").equals(pathInfo);
    }
}
