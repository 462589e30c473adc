package hudson.model;

import java.io.PrintStream;

/** Upstream also implements remoting's SerializableOnlyOverRemoting (not on Maven Central; omitted). */
public interface TaskListener {
    PrintStream getLogger();
}
