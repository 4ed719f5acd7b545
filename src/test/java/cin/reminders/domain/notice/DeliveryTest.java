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

    /**
     * Someone who prefers letters, when post is not offered (letters off, or no letter form), is reached by the digital
     * channel they have, email first; with neither, the notice fails (the planner then tells the lead professional).
     */
    @Test
    void aFamilyMemberOrAgencyWhoPrefersLettersGetsEmailWhenPostIsNotOffered() {
        for (Role role : new Role[] {Role.PARENT, Role.CARER, Role.AGENCY}) {
            Delivery d = Delivery.forFamilyNotice(person(role, Channel.LETTER, "x@x.org", "07700900123", null, null, null),
                    day, 12).orElseThrow();
            assertEquals(NoticeStatus.SCHEDULED, d.status(), role.name());
            assertEquals(Channel.EMAIL, d.channel());
        }
        Delivery child = Delivery.forFamilyNotice(person(Role.CHILD, Channel.LETTER, null, null, d("2010-01-01"), null,
                null), day, 12).orElseThrow();
        assertEquals(NoticeStatus.FAILED, child.status());
        assertEquals(FailureReason.NO_CONTACT, child.failure());
        // Withholding still comes first.
        assertEquals(NoticeStatus.SUPPRESSED, Delivery.forFamilyNotice(person(Role.PARENT, Channel.LETTER, null, null, null,
                false, "court order"), day, 12).orElseThrow().status());
    }

    /** Professionals never get letters: for them LETTER is no preference between email and text. */
    @Test
    void aProfessionalWhoPrefersLettersIsStillEmailedOrTexted() {
        assertEquals(new Delivery(Channel.EMAIL, NoticeStatus.SCHEDULED, null, null),
                Delivery.to(person(Role.LEAD_PROFESSIONAL, Channel.LETTER, "lp@x.org", "07700900123", null, null, null)));
        assertEquals(new Delivery(Channel.SMS, NoticeStatus.SCHEDULED, null, null),
                Delivery.to(person(Role.TEAM_MANAGER, Channel.LETTER, null, "07700900123", null, null, null)));
        assertEquals(NoticeStatus.FAILED,
                Delivery.to(person(Role.TEAM_MANAGER, Channel.LETTER, null, null, null, null, null)).status());
    }

    @Test
    void agenciesAlwaysAndByTheChannelTheyHave() {
        assertEquals(Channel.EMAIL, Delivery.forFamilyNotice(person(Role.AGENCY, Channel.SMS, "school@x.org", null, null, false, null), day, 12)
                .orElseThrow().channel());
        Delivery none = Delivery.forFamilyNotice(person(Role.CARER, Channel.EMAIL, null, null, null, null, null), day, 12).orElseThrow();
        assertEquals(NoticeStatus.FAILED, none.status());
    }
}
