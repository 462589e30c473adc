package io.jenkins.plugins.iamjanitor.sandbox.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AdfValidatorTest {
    private static String problem(String json) throws Exception {
        return AdfValidator.problem(new ObjectMapper().readTree(json));
    }

    @Test
    void acceptsAWellFormedDocumentWithATable() throws Exception {
        assertThat(problem("""
                {"type":"doc","version":1,"content":[
                 {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Users"}]},
                 {"type":"table","content":[{"type":"tableRow","content":[
                   {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"User"}]}]},
                   {"type":"tableCell","content":[{"type":"paragraph","content":[]}]}]}]},
                 {"type":"paragraph","content":[{"type":"text","text":"build","marks":[{"type":"link","attrs":{"href":"http://x"}}]},
                   {"type":"hardBreak"}]}]}""")).isNull();
    }

    @Test
    void rejectsWhatJiraCloudRejects() throws Exception {
        assertThat(problem("\"plain text\"")).isEqualTo("not a JSON object");
        assertThat(problem("{\"type\":\"doc\",\"version\":2,\"content\":[]}")).contains("version 1");
        assertThat(problem("{\"type\":\"doc\",\"version\":1}")).contains("content array");
        assertThat(problem("{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}"))
                .contains("\"text\" is not allowed at the top level");
        assertThat(problem("{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":"
                + "[{\"type\":\"blink\"}]}]}")).contains("unknown node type \"blink\"");
        assertThat(problem("{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"table\",\"content\":"
                + "[{\"type\":\"paragraph\"}]}]}")).contains("\"paragraph\" is not allowed inside table");
        assertThat(problem("{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"heading\",\"content\":[]}]}"))
                .contains("level between 1 and 6");
        assertThat(problem("{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"bulletList\",\"content\":[]}]}"))
                .contains("bulletList must have content");
    }
}
