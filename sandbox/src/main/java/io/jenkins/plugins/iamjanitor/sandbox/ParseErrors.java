package io.jenkins.plugins.iamjanitor.sandbox;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * One line for a file that does not parse: which file, where (line and column), and what is wrong in words, without
 * the parser's internals (source descriptions, token codes, class names). Works for every Jackson format (JSON, YAML).
 */
public final class ParseErrors {
    private static final Pattern CODE = Pattern.compile(" \\(code \\d+\\)");
    private static final Pattern CLASS_NAMES = Pattern.compile("`[\\w.$]+\\.(\\w+)`");
    private static final Pattern START_MARKER =
            Pattern.compile("\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)]\\)");
    private static final Pattern SOURCE = Pattern.compile("\\s*(at )?\\[Source: .*?]");

    private ParseErrors() {
    }

    /** E.g. "scenario s.json: invalid JSON at line 3, column 16: unexpected character ','". */
    public static String describe(String what, String file, String format, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column "
                + at.getColumnNr();
        String message = e.getOriginalMessage() == null ? "cannot be parsed" : e.getOriginalMessage();
        message = message.lines().findFirst().orElse(message);
        message = CODE.matcher(message).replaceAll("");
        message = CLASS_NAMES.matcher(message).replaceAll("$1");
        message = START_MARKER.matcher(message).replaceAll("(opened at line $1, column $2)");
        message = SOURCE.matcher(message).replaceAll("");
        message = message.replace("close marker for Array", "']'").replace("close marker for Object", "'}'");
        int expected = message.indexOf(": expected a valid value");
        if (expected > 0) {
            message = message.substring(0, expected) + ": a value was expected";
        }
        if (!message.isEmpty()) {
            message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        return what + " " + file + ": invalid " + format + where + ": " + message;
    }
}
