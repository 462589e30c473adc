package io.jenkins.plugins.iamjanitor.integrations.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdfRendererTest {
    private final AdfRenderer renderer = new AdfRenderer();

    @Test
    void usersTableBecomesAnAdfTableWithHeaderRowAndPlainTextCells() throws Exception {
        JsonNode doc = renderer.render(JiraTestFixtures.usersTable());

        JsonNode expected = new ObjectMapper().readTree("""
                {"type":"doc","version":1,"content":[
                 {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Users under review"}]},
                 {"type":"table","attrs":{"isNumberColumnEnabled":false,"layout":"default"},"content":[
                  {"type":"tableRow","content":[
                   {"type":"tableHeader","attrs":{},"content":[{"type":"paragraph","content":[{"type":"text","text":"User"}]}]},
                   {"type":"tableHeader","attrs":{},"content":[{"type":"paragraph","content":[{"type":"text","text":"Days inactive"}]}]},
                   {"type":"tableHeader","attrs":{},"content":[{"type":"paragraph","content":[{"type":"text","text":"Last use per credential"}]}]},
                   {"type":"tableHeader","attrs":{},"content":[{"type":"paragraph","content":[{"type":"text","text":"Exemption notes"}]}]}]},
                  {"type":"tableRow","content":[
                   {"type":"tableCell","attrs":{},"content":[{"type":"paragraph","content":[{"type":"text","text":"alice"}]}]},
                   {"type":"tableCell","attrs":{},"content":[{"type":"paragraph","content":[{"type":"text","text":"40"}]}]},
                   {"type":"tableCell","attrs":{},"content":[{"type":"paragraph","content":[
                     {"type":"text","text":"console password: last used 2024-05-21"},{"type":"hardBreak"},
                     {"type":"text","text":"access key AKIA1: never used"}]}]},
                   {"type":"tableCell","attrs":{},"content":[{"type":"paragraph","content":[{"type":"text","text":"none"}]}]}]},
                  {"type":"tableRow","content":[
                   {"type":"tableCell","attrs":{},"content":[{"type":"paragraph","content":[{"type":"text","text":"svc|deploy"}]}]},
                   {"type":"tableCell","attrs":{},"content":[{"type":"paragraph","content":[{"type":"text","text":"120"}]}]},
                   {"type":"tableCell","attrs":{},"content":[{"type":"paragraph","content":[]}]},
                   {"type":"tableCell","attrs":{},"content":[{"type":"paragraph","content":[
                     {"type":"text","text":"exempt {until} [2024-07-01]\\\\ok"}]}]}]}]}]}
                """);
        assertThat(doc).isEqualTo(expected);
    }

    @Test
    void linksCodeAndBulletsUseTheirAdfNodes() {
        JsonNode doc = renderer.render(Document.builder()
                .bullets(List.of("a"))
                .bullets(List.of())
                .table(List.of(), List.of())
                .code("x")
                .link("build", "http://jenkins/7/")
                .build());

        assertThat(doc.path("content")).hasSize(3);
        assertThat(doc.at("/content/0/content/0/type").asText()).isEqualTo("listItem");
        assertThat(doc.at("/content/1/type").asText()).isEqualTo("codeBlock");
        assertThat(doc.at("/content/2/content/0/marks/0/attrs/href").asText()).isEqualTo("http://jenkins/7/");
    }
}
