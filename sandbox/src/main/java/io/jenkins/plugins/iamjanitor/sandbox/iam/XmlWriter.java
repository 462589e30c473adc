package io.jenkins.plugins.iamjanitor.sandbox.iam;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Builds the Query-protocol XML bodies. Tiny on purpose: AWS responses are flat element trees without attributes. */
public final class XmlWriter {
    private final StringBuilder sb = new StringBuilder();

    public XmlWriter open(String tag) {
        sb.append('<').append(tag).append('>');
        return this;
    }

    public XmlWriter close(String tag) {
        sb.append("</").append(tag).append('>');
        return this;
    }

    /** Writes escaped text inside the current element (lists of bare strings, e.g. PolicyNames). */
    public XmlWriter text(String value) {
        sb.append(escape(value));
        return this;
    }

    /** Writes {@code <tag>value</tag>}; nothing at all when value is null (AWS omits absent members). */
    public XmlWriter elem(String tag, Object value) {
        if (value == null) {
            return this;
        }
        String text = value instanceof Instant i ? date(i) : String.valueOf(value);
        sb.append('<').append(tag).append('>').append(escape(text)).append("</").append(tag).append('>');
        return this;
    }

    /** AWS Query timestamps: ISO-8601 UTC, second precision ({@code 2024-05-08T23:34:01Z}). */
    public static String date(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Wraps a result body the way AWS does: {@code <XResponse xmlns><XResult>..</XResult><ResponseMetadata>}. */
    public static String response(String action, String namespace, String resultBody, String requestId) {
        StringBuilder out = new StringBuilder(resultBody.length() + 256);
        out.append("<").append(action).append("Response xmlns=\"").append(namespace).append("\">");
        if (resultBody.isEmpty()) {
            // Calls without output (DeleteUser, TagUser, ...) carry only the metadata.
        } else {
            out.append('<').append(action).append("Result>").append(resultBody)
                    .append("</").append(action).append("Result>");
        }
        out.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata>");
        out.append("</").append(action).append("Response>");
        return out.toString();
    }

    /** The AWS Query error document. */
    public static String error(String namespace, IamError error, String requestId) {
        return "<ErrorResponse xmlns=\"" + namespace + "\"><Error><Type>" + error.type() + "</Type><Code>"
                + escape(error.code()) + "</Code><Message>" + escape(error.getMessage()) + "</Message></Error>"
                + "<RequestId>" + requestId + "</RequestId></ErrorResponse>";
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
