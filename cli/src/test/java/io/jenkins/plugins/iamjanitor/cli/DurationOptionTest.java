package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class DurationOptionTest {
    private final StringWriter err = new StringWriter();

    private Duration parse(String text, ChronoUnit legacy) {
        return DurationOption.parse("--approval-timeout", text, legacy, new PrintWriter(err, true));
    }

    @Test
    void oneSyntaxWithAUnit() {
        assertThat(parse("30s", ChronoUnit.MINUTES)).isEqualTo(Duration.ofSeconds(30));
        assertThat(parse("45m", ChronoUnit.SECONDS)).isEqualTo(Duration.ofMinutes(45));
        assertThat(parse("24H", null)).isEqualTo(Duration.ofHours(24));
        assertThat(parse("7d", null)).isEqualTo(Duration.ofDays(7));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBareNumberKeepsItsOldUnitWithADeprecationNote() {
        assertThat(parse("60", ChronoUnit.MINUTES)).isEqualTo(Duration.ofHours(1));
        assertThat(err.toString()).contains("--approval-timeout 60", "deprecated", "write 1h instead");
        assertThat(parse("30", ChronoUnit.SECONDS)).isEqualTo(Duration.ofSeconds(30));
        assertThat(err.toString()).contains("write 30s instead");
    }

    @Test
    void anythingElseIsAUsageErrorNamingTheOption() {
        assertThatThrownBy(() -> parse("soon", ChronoUnit.MINUTES)).isInstanceOf(UsageException.class)
                .hasMessage("--approval-timeout takes a duration such as 30s, 45m or 24h, got 'soon'");
        assertThatThrownBy(() -> parse("60", null)).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("1.5h", null)).isInstanceOf(UsageException.class);
    }
}
