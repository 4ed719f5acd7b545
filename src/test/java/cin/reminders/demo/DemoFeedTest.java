package cin.reminders.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.domain.event.EventType;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.notice.Delivery;
import cin.reminders.domain.notice.Post;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's events are valid, and one family member is reachable only by post, so a newcomer sees a letter. */
class DemoFeedTest {

    @Test
    void theDemoHasAFamilyMemberReachableOnlyByPost() {
        CloudEventReader reader = new CloudEventReader(TestPolicies.registry()::knows);
        List<CaseEvent> events = new DemoFeed.Builder(new ObjectMapper(), LocalDate.parse("2026-03-02")).build().stream()
                .map(reader::read).toList();
        List<Participant> byPost = events.stream().filter(e -> e.type() == EventType.PARTICIPANT_UPSERTED)
                .map(e -> e.data().participant()).filter(p -> p.postalAddress().isPresent()).toList();
        assertEquals(1, byPost.size());
        Participant gran = byPost.get(0);
        assertEquals(Channel.LETTER, Delivery.to(gran, Post.ALLOWED).channel());
        // ...on a case whose plan is published, so a plan copy goes by letter in the demo.
        assertTrue(events.stream().anyMatch(e -> e.type() == EventType.PLAN_PUBLISHED
                && e.caseId().equals(gran.id().replace("-gran", ""))));
    }
}
