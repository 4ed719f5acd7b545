package cin.reminders.domain.notice;

import static cin.reminders.domain.Events.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    static Participant person(Role role, Channel channel, String email, String mobile, LocalDate dob, Boolean copies, String reason) {
        return new Participant("p", role, "Name", email, mobile, channel, Language.EN, dob, copies, reason, false, null);
    }

    final LocalDate day = d("2026-06-01");

    @Test
    void aChildReceivesCopiesFromTwelveOrWhenTheRecordSaysSo() {
        assertTrue(Delivery.forFamilyNotice(person(Role.CHILD, Channel.EMAIL, "c@x.org", null, d("2014-06-01"), null, null), day, 12).isPresent());
        assertTrue(Delivery.forFamilyNotice(person(Role.CHILD, Channel.EMAIL, "c@x.org", null, d("2014-06-02"), null, null), day, 12).isEmpty());
        assertTrue(Delivery.forFamilyNotice(person(Role.CHILD, Channel.EMAIL, "c@x.org", null, null, null, null), day, 12).isEmpty());
        assertTrue(Delivery.forFamilyNotice(person(Role.CHILD, Channel.EMAIL, "c@x.org", null, d("2020-01-01"), true, null), day, 12).isPresent());
        assertEquals(NoticeStatus.SUPPRESSED, Delivery.forFamilyNotice(
                person(Role.CHILD, Channel.EMAIL, "c@x.org", null, d("2010-01-01"), false, null), day, 12).orElseThrow().status());
    }

    @Test
    void aWithheldParentIsSuppressedWithTheReasonKept() {
        Delivery d = Delivery.forFamilyNotice(person(Role.PARENT, Channel.SMS, null, "07700900123", null, false,
                "contrary to the child's interests"), day, 12).orElseThrow();
        assertEquals(NoticeStatus.SUPPRESSED, d.status());
        assertEquals("withheld: contrary to the child's interests", d.reason());
    }

    @Test
    void agenciesAlwaysAndByTheChannelTheyHave() {
        assertEquals(Channel.EMAIL, Delivery.forFamilyNotice(person(Role.AGENCY, Channel.SMS, "school@x.org", null, null, false, null), day, 12)
                .orElseThrow().channel());
        Delivery none = Delivery.forFamilyNotice(person(Role.CARER, Channel.EMAIL, null, null, null, null, null), day, 12).orElseThrow();
        assertEquals(NoticeStatus.FAILED, none.status());
    }
}
