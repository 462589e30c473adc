package jenkins;

public enum YesNoMaybe {
    YES,
    NO,
    MAYBE;

    public Boolean toBool() {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
