package io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.Event;

class CloudTrailEventParserTest {
    private final CloudTrailEventParser parser = new CloudTrailEventParser();

    @Test
    void keepsTheEventWhenItsRecordIsNotJson() {
        Event event = Event.builder().eventId("e1").eventName("GetUser").eventSource("iam.amazonaws.com")
                .eventTime(Instant.parse("2026-11-01T00:00:00Z")).username("alice").cloudTrailEvent("{not json")
                .build();

        ActivityEvent parsed = parser.parse(event, "eu-west-1");

        assertThat(parsed).isEqualTo(new ActivityEvent("e1", Instant.parse("2026-11-01T00:00:00Z"), "GetUser",
                "iam.amazonaws.com", "eu-west-1", null, null, null, null, "alice", null, null));
    }

    @Test
    void readsAFailedSignInFromTheRecord() {
        String record = """
                {"eventID": "e2", "eventTime": "2026-11-02T10:00:00Z", "eventName": "ConsoleLogin",
                 "eventSource": "signin.amazonaws.com", "awsRegion": "us-west-2", "sourceIPAddress": "192.0.2.1",
                 "userAgent": "Mozilla/5.0", "errorMessage": "Failed authentication",
                 "userIdentity": {"type": "IAMUser", "userName": "alice"},
                 "responseElements": {"ConsoleLogin": "Failure"},
                 "additionalEventData": {"MFAUsed": "No"}}""";

        ActivityEvent parsed = parser.parse(Event.builder().cloudTrailEvent(record).build(), "us-east-1");

        assertThat(parsed).isEqualTo(new ActivityEvent("e2", Instant.parse("2026-11-02T10:00:00Z"), "ConsoleLogin",
                "signin.amazonaws.com", "us-west-2", "192.0.2.1", "Mozilla/5.0", null, null, "alice", "Failure",
                false));
    }
}
