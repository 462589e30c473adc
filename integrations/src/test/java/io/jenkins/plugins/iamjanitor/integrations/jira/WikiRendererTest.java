package io.jenkins.plugins.iamjanitor.integrations.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class WikiRendererTest {
    private final WikiRenderer renderer = new WikiRenderer();

    @Test
    void usersTableBecomesAWikiTableWithEscapedCells() {
        String wiki = renderer.render(JiraTestFixtures.usersTable());

        assertThat(wiki).isEqualTo("""
                h2. Users under review

                ||User||Days inactive||Last use per credential||Exemption notes||
                |alice|40|console password: last used 2024\\-05\\-21 \\\\ access key AKIA1: never used|none|
                |svc\\|deploy|120| |exempt \\{until\\} \\[2024\\-07\\-01\\]&#92;ok|""");
    }

    @Test
    void everyWikiSpecialCharacterIsEscapedSoTextStaysText() {
        assertThat(WikiRenderer.escape("a|b{c}[d]*e*_f_-g-+h+^i^~j~??k?? !img! #1"))
                .isEqualTo("a\\|b\\{c\\}\\[d\\]\\*e\\*\\_f\\_\\-g\\-\\+h\\+\\^i\\^\\~j\\~\\?\\?k\\?\\? \\!img\\! \\#1");
    }

    @Test
    void otherBlocksRender() {
        Document doc = Document.builder()
                .paragraph("line one\nline *two*")
                .bullets(List.of("a", "b|c"))
                .code("{\"Version\": \"2012-10-17\"}\n{noformat}")
                .link("build [7]", "http://jenkins/job/a b/7/")
                .build();

        assertThat(renderer.render(doc)).isEqualTo("""
                line one
                line \\*two\\*

                * a
                * b\\|c

                {noformat}
                {"Version": "2012-10-17"}
                { noformat}
                {noformat}

                [build \\[7\\]|http://jenkins/job/a%20b/7/]""");
    }
}
