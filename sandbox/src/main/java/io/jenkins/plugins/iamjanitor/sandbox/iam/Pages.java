package io.jenkins.plugins.iamjanitor.sandbox.iam;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.BiConsumer;

/** IAM pagination: MaxItems (1..1000, default 100), an opaque Marker, IsTruncated. */
final class Pages {
    private Pages() {
    }

    static <T> void write(XmlWriter xml, QueryRequest request, String listTag, List<T> items,
            BiConsumer<XmlWriter, T> member) {
        int max = maxItems(request);
        int start = start(request);
        int end = Math.min(items.size(), start + max);
        xml.open(listTag);
        for (T item : items.subList(Math.min(start, items.size()), end)) {
            xml.open("member");
            member.accept(xml, item);
            xml.close("member");
        }
        xml.close(listTag);
        boolean truncated = end < items.size();
        xml.elem("IsTruncated", truncated);
        if (truncated) {
            xml.elem("Marker", marker(end));
        }
    }

    /** The opaque marker that resumes at item {@code next}. */
    static String marker(int next) {
        return Base64.getEncoder().encodeToString(("page:" + next).getBytes(StandardCharsets.UTF_8));
    }

    static int maxItems(QueryRequest request) {
        String raw = request.get("MaxItems");
        if (raw == null) {
            return 100;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1 && value <= 1000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to AWS's validation message
        }
        throw IamError.validation("1 validation error detected: Value '" + raw
                + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
    }

    static int start(QueryRequest request) {
        String marker = request.get("Marker");
        if (marker == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(marker), StandardCharsets.UTF_8);
            if (decoded.startsWith("page:")) {
                return Integer.parseInt(decoded.substring(5));
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw IamError.validation("Invalid Marker: " + marker);
    }
}
