package hudson.util;

import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

public abstract class FormValidation extends IOException implements HttpResponse {
    private static final long serialVersionUID = 1L;

    private FormValidation() {
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public abstract String renderHtml();
}
