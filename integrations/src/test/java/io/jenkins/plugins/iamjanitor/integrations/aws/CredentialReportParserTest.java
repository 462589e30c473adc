package io.jenkins.plugins.iamjanitor.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.integrations.aws.CredentialReportParser.Row;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialReportParserTest {
    private static final String HEADER = String.join(",", CredentialReportParser.REQUIRED.subList(0, 6))
            + ",password_next_rotation," + String.join(",", CredentialReportParser.REQUIRED.subList(6, 21));
    private static final String ROOT = "<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,"
            + "not_supported,2024-05-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,"
            + "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
    private static final String ALICE = "alice,arn:aws:iam::123456789012:user/alice,2021-03-04T05:06:07+00:00,true,"
            + "no_information,2021-03-04T05:10:00+00:00,N/A,false,true,2021-03-04T05:06:07+00:00,"
            + "2024-04-30T12:00:00+00:00,eu-west-1,s3,false,2022-01-01T00:00:00+00:00,N/A,N/A,N/A,"
            + "true,2021-06-01T00:00:00+00:00,false,N/A";
    private final CredentialReportParser parser = new CredentialReportParser();

    @Test
    void readsPlaceholdersAsAbsentValues() {
        List<Row> rows = parser.parse(HEADER + "\r\n" + ROOT + "\r\n" + ALICE + "\r\n");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).isRoot()).isTrue();
        assertThat(rows.get(0).passwordEnabled()).isFalse();
        Row alice = rows.get(1);
        assertThat(alice.passwordEnabled()).isTrue();
        assertThat(alice.passwordLastUsed()).isNull();
        assertThat(alice.passwordLastUsedNoInformation()).isTrue();
        assertThat(alice.passwordLastChanged()).isEqualTo(Instant.parse("2021-03-04T05:10:00Z"));
        assertThat(alice.keys()).hasSize(2);
        assertThat(alice.keys().get(0).lastUsed()).isEqualTo(Instant.parse("2024-04-30T12:00:00Z"));
        assertThat(alice.keys().get(0).service()).isEqualTo("s3");
        assertThat(alice.keys().get(1).active()).isFalse();
        assertThat(alice.keys().get(1).lastUsed()).isNull();
        assertThat(alice.keys().get(1).region()).isNull();
        assertThat(alice.certs()).singleElement().satisfies(c -> assertThat(c.active()).isTrue());
    }

    @Test
    void quotedUserNamesMayContainCommas() {
        Row row = parser.parse(HEADER + "\n" + ALICE.replaceFirst("alice", "\"a,lice\"")
                .replaceFirst("(arn:[^,]*/)alice", "\"$1a,lice\"")).get(0);
        assertThat(row.user()).isEqualTo("a,lice");
    }

    @Test
    void malformedInputFailsWithOneLineNamingTheProblem() {
        assertThatThrownBy(() -> parser.parse("")).hasMessage("credential report is empty");
        assertThatThrownBy(() -> parser.parse("name,arn\nalice,x"))
                .hasMessage("credential report header has no column 'user' (header: name,arn)");
        assertThatThrownBy(() -> parser.parse(HEADER + "\n" + ALICE.substring(0, ALICE.lastIndexOf(','))))
                .hasMessage("credential report line 2 has 21 columns, expected 22");
        assertThatThrownBy(() -> parser.parse(HEADER + "\n" + ROOT + "\n" + ALICE.replace("2024-04-30T12:00:00+00:00",
                "yesterday"))).hasMessage("credential report line 3, column access_key_1_last_used_date: cannot read"
                        + " date 'yesterday'");
        assertThatThrownBy(() -> parser.parse(HEADER + "\n" + ALICE.replaceFirst(",true,", ",maybe,")))
                .hasMessage("credential report line 2, column password_enabled: expected true or false, got 'maybe'");
    }

    @Test
    void unquotedCommaNamesAreRecoveredFromTheArnColumn() {
        String line = ALICE.replace("alice", "ann,lee,x@corp");

        Row row = parser.parse(HEADER + "\n" + line).get(0);

        assertThat(row.user()).isEqualTo("ann,lee,x@corp");
        assertThat(row.arn()).isEqualTo("arn:aws:iam::123456789012:user/ann,lee,x@corp");
        assertThat(row.keys().get(0).service()).isEqualTo("s3");
    }

    @Test
    void columnsAreReadByNameWhateverTheirOrderAndExtraColumnsAreIgnored() {
        List<String> header = new java.util.ArrayList<>(List.of(HEADER.split(",")));
        List<String> cells = new java.util.ArrayList<>(List.of(ALICE.split(",", -1)));
        java.util.Collections.reverse(header);
        java.util.Collections.reverse(cells);
        header.add(3, "some_future_column");
        cells.add(3, "whatever");

        Row row = parser.parse(String.join(",", header) + "\n" + String.join(",", cells)).get(0);

        assertThat(row.user()).isEqualTo("alice");
        assertThat(row.passwordLastChanged()).isEqualTo(Instant.parse("2021-03-04T05:10:00Z"));
        assertThat(row.keys().get(0).lastUsed()).isEqualTo(Instant.parse("2024-04-30T12:00:00Z"));
        assertThat(row.certs()).singleElement().satisfies(c -> assertThat(c.active()).isTrue());
    }

    @Test
    void aBadRowIsSkippedAloneWithItsLineAndUser() {
        String bob = ALICE.replace("alice", "bob").replaceFirst(",true,", ",maybe,");
        String eve = ALICE.replace("user/alice", "user/mallory").replaceFirst("alice", "eve");

        CredentialReportParser.Parsed parsed = parser.parseLenient(HEADER + "\n" + ALICE + "\n" + bob + "\n" + eve);

        assertThat(parsed.rows()).extracting(Row::user).containsExactly("alice");
        assertThat(parsed.skipped()).extracting(CredentialReportParser.Skipped::line).containsExactly(3, 4);
        assertThat(parsed.skipped().get(0).user()).isEqualTo("bob");
        assertThat(parsed.skipped().get(0).reason())
                .isEqualTo("credential report line 3, column password_enabled: expected true or false, got 'maybe'");
        assertThat(parsed.skipped().get(1).reason()).isEqualTo("credential report line 4: user 'eve' does not match"
                + " its ARN");
    }
}
