package io.jenkins.plugins.iamjanitor.sandbox.jira;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The emulator's one workflow: To Do -> In Progress -> Done, with the usual ways back. */
final class Workflow {
    static final String INITIAL = "To Do";

    record Transition(String id, String name, String to) {
    }

    private static final Map<String, String> CATEGORY = Map.of(
            "to do", "new", "in progress", "indeterminate", "done", "done");
    private static final Map<String, String> CATEGORY_NAME = Map.of(
            "new", "To Do", "indeterminate", "In Progress", "done", "Done");
    private static final Map<String, List<Transition>> FROM = Map.of(
            "To Do", List.of(new Transition("11", "Start Progress", "In Progress"), new Transition("31", "Done", "Done")),
            "In Progress", List.of(new Transition("21", "Stop Progress", "To Do"), new Transition("31", "Done", "Done")),
            "Done", List.of(new Transition("41", "Reopen", "To Do")));

    private Workflow() {
    }

    static List<Transition> from(String status) {
        return FROM.getOrDefault(status, List.of());
    }

    static String category(String status) {
        return CATEGORY.getOrDefault(status.toLowerCase(Locale.ROOT), "new");
    }

    static String categoryName(String categoryKey) {
        return CATEGORY_NAME.getOrDefault(categoryKey, "To Do");
    }

    static int statusId(String status) {
        return switch (category(status)) {
            case "new" -> 10000;
            case "indeterminate" -> 3;
            default -> 10001;
        };
    }
}
