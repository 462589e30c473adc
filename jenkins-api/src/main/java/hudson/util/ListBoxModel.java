package hudson.util;

import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    private static final long serialVersionUID = 1L;

    public ListBoxModel() {
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public ListBoxModel add(String nameAndValue) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public static final class Option {
        public Option(String name, String value) {
        }
    }
}
