package io.jenkins.plugins.iamjanitor.cli.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTML report of a whole sandbox review (execute mode, the scenario's scripted approver), rendered by a real
 * browser at desktop and phone widths: nothing overflows the page sideways, the overview has a row per scanned user
 * and one for every flagged user, headers stay on one line, and the sort script runs under the page's CSP. The
 * screenshots go to {@code target/report-<width>.png} for people to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportInBrowserTest {
    private ReviewRecord record;
    private HeadlessChromium browser;

    @BeforeAll
    void reviewAndStartBrowser(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        assumeTrue(chromium.isPresent(), "Chromium is not installed (Debian: apt-get install -y chromium;"
                + " .ci/run installs it): the HTML report is not checked in a browser");
        Clock clock = Clock.systemUTC();
        try (SandboxReviewServices services = SandboxReviewServices.start(ReviewEndToEndTest.fastScenario(), clock,
                line -> { })) {
            ReviewRunner.Options options = new ReviewRunner.Options(true, 10, Duration.ofSeconds(30),
                    services.reviewChannel(), List.of(services.scriptedApprover()), List.of(), "Done", null, false,
                    dir.resolve("state"), dir.resolve("reports"), Map.of());
            record = new ReviewRunner(services, new PolicySettings(Duration.ofDays(PolicySettings.DEFAULT_DAYS), true,
                    services.scenarioExemptions()), new JsonBackupStore(dir.resolve("backups"), clock), options, clock)
                    .run(line -> { }, ReviewObserver.NONE, null);
        }
        browser = new HeadlessChromium(chromium.get());
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private Path html() {
        return Path.of(record.reports().stream().filter(p -> p.endsWith(".html")).findFirst().orElseThrow());
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {1400, 420})
    void readableWithoutSidewaysScrollingAndEveryFlaggedUserHasARow(int width) throws Exception {
        browser.open(html().toUri(), width, 900);

        JsonNode page = browser.eval("({scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth,"
                + " rows: document.querySelectorAll('#overview-table tbody tr').length,"
                + " flagged: Array.from(document.querySelectorAll('#overview-table tbody tr.flagged'),"
                + "   r => r.getAttribute('data-user')),"
                + " cards: Array.from(document.querySelectorAll('#summary .cards:first-child .card b'),"
                + "   b => +b.textContent),"
                + " chartDots: document.querySelectorAll('#activity svg circle').length,"
                + " wrappedHeaders: Array.from(document.querySelectorAll('th')).filter(th => th.offsetParent !== null"
                + "   && th.getClientRects()[0].height > 2 * parseFloat(getComputedStyle(th).lineHeight))"
                + "   .map(th => th.textContent)})");
        browser.screenshot(Path.of("target", "report-" + width + ".png"));

        assertThat(page.path("innerWidth").asInt()).isEqualTo(width);
        assertThat(page.path("scrollWidth").asInt()).as("page width at %d px", width).isLessThanOrEqualTo(width);
        assertThat(page.path("rows").asInt()).isEqualTo(record.scan().usersScanned());
        List<String> flaggedRows = new ArrayList<>();
        page.path("flagged").forEach(n -> flaggedRows.add(n.asText()));
        assertThat(record.candidates()).isNotEmpty().allMatch(Verdict::flagged);
        assertThat(flaggedRows).containsExactlyInAnyOrderElementsOf(
                record.candidates().stream().map(v -> v.user().userName()).toList());
        // The first card is the users scanned; the others (one per outcome) add up to it.
        List<Integer> cards = new ArrayList<>();
        page.path("cards").forEach(n -> cards.add(n.asInt()));
        assertThat(cards.get(0)).isEqualTo(record.scan().usersScanned());
        assertThat(cards.subList(1, cards.size()).stream().mapToInt(Integer::intValue).sum()).isEqualTo(cards.get(0));
        assertThat(page.path("chartDots").asInt()).isEqualTo(record.scan().usersScanned());
        assertThat(page.path("wrappedHeaders")).as("header cells on more than one line").isEmpty();
    }

    @Test
    void theOverviewSortsByAColumnUnderTheContentSecurityPolicy() throws Exception {
        browser.open(html().toUri(), 1400, 900);
        String days = "Array.from(document.querySelectorAll('#overview-table tbody tr'),"
                + " r => +r.cells[2].getAttribute('data-v'))";
        String header = "document.querySelectorAll('#overview-table th')[2]";

        browser.eval(header + ".click()");
        JsonNode ascending = browser.eval(days);
        browser.eval(header + ".click()");
        JsonNode descending = browser.eval(days);

        List<Integer> up = new ArrayList<>();
        ascending.forEach(n -> up.add(n.asInt()));
        List<Integer> down = new ArrayList<>();
        descending.forEach(n -> down.add(n.asInt()));
        assertThat(up).hasSize(record.scan().usersScanned()).isSorted();
        assertThat(down).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(browser.eval(header + ".getAttribute('aria-sort')").asText()).isEqualTo("descending");
    }
}
