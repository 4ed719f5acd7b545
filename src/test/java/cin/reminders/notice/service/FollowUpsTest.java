package cin.reminders.notice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.MeetingKind;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.PostalAddress;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.NoticeData;
import cin.reminders.domain.notice.NoticeIntent;
import cin.reminders.domain.notice.NoticeKey;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.domain.notice.Post;
import cin.reminders.notice.repository.ClaimedNotice;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each step of the proof-of-service ladder is a notice of its own, linked to the one it follows. */
class FollowUpsTest {

    static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
    static final PostalAddress HOME = PostalAddress.of(List.of("1 High Street"), "WS1 1TP");
    static final Participant LEAD = new Participant("lp", Role.LEAD_PROFESSIONAL, "Lee", "lp@example.org", null,
            Channel.EMAIL, Language.EN, null, null, null, false, null);

    static ClaimedNotice failed(NoticeKey key, NoticeTemplate template, Channel channel, NoticeData data) {
        return new ClaimedNotice(key.id(), key, "C-1", "walsall", template, channel, "mum", Role.PARENT, Language.CY, 1,
                NOON, null, "plan-copy|e", "notify", data, null);
    }

    static Participant mum(String email, String mobile, PostalAddress address) {
        return person(Channel.EMAIL, email, mobile, address);
    }

    static Participant person(Channel preferred, String email, String mobile, PostalAddress address) {
        return new Participant("mum", Role.PARENT, "Mum", email, mobile, preferred, Language.CY, null, null, null,
                false, null, address);
    }

    @Test
    void aBouncedEmailIsFollowedByALetterLinkedToIt() {
        NoticeKey copy = NoticeKey.of("plan-copy|urn:s#e1|mum");
        ClaimedNotice email = failed(copy, NoticeTemplate.PLAN_COPY, Channel.EMAIL,
                new NoticeData.Document("https://x.example/p", null, 1, false, LocalDate.parse("2026-03-02")));
        NoticeIntent letter = FollowUps.after(email, FailureReason.UNDELIVERABLE, mum("m@example.org", null, HOME), LEAD,
                Post.ALLOWED, NOON).orElseThrow();
        assertEquals(Channel.LETTER, letter.channel());
        assertEquals(email.id(), letter.follows());
        assertEquals("plan-copy|urn:s#e1|mum|letter", letter.key().value());
        assertEquals(Language.CY, letter.language());
        assertEquals("plan-copy|e", letter.group().value());
        assertEquals("the email could not be delivered (undeliverable); sent by letter instead", letter.reason());
        // The letter fails in turn (returned): the ladder is spent, the lead professional is told.
        ClaimedNotice posted = failed(letter.key(), NoticeTemplate.PLAN_COPY, Channel.LETTER, email.data());
        NoticeIntent told = FollowUps.after(posted, FailureReason.RETURNED, mum("m@example.org", null, HOME), LEAD,
                Post.ALLOWED, NOON).orElseThrow();
        assertEquals(NoticeTemplate.CONTACT_FAILED, told.template());
        assertEquals(FailureReason.RETURNED, ((NoticeData.ContactFailed) told.data()).failedReason());
    }

    @Test
    void withLettersOffTheLeadProfessionalIsToldAsBefore() {
        ClaimedNotice email = failed(NoticeKey.of("plan-copy|urn:s#e1|mum"), NoticeTemplate.PLAN_COPY, Channel.EMAIL,
                new NoticeData.Document(null, null, 1, false, LocalDate.parse("2026-03-02")));
        NoticeIntent told = FollowUps.after(email, FailureReason.UNDELIVERABLE, mum("m@example.org", null, HOME), LEAD,
                Post.NOT_OFFERED, NOON).orElseThrow();
        assertEquals(NoticeTemplate.CONTACT_FAILED, told.template());
        assertEquals(FailureReason.UNDELIVERABLE, ((NoticeData.ContactFailed) told.data()).failedReason());
    }

    @Test
    void anInvitationTooNearForPostTellsTheLeadProfessionalWithTheMeetingDate() {
        LocalDateTime starts = LocalDateTime.parse("2026-03-04T10:00");
        ClaimedNotice email = failed(NoticeKey.of("meeting-invitation|urn:s#e2|mum"), NoticeTemplate.MEETING_INVITATION,
                Channel.EMAIL, new NoticeData.Meeting(MeetingKind.CARE_TEAM, starts, "Civic Centre", false));
        NoticeIntent told = FollowUps.after(email, FailureReason.UNDELIVERABLE, mum("m@example.org", null, HOME), LEAD,
                Post.TOO_LATE, NOON).orElseThrow();
        NoticeData.ContactFailed data = (NoticeData.ContactFailed) told.data();
        assertEquals(FailureReason.TOO_LATE_FOR_POST, data.failedReason());
        assertEquals(starts, data.meetingStartsAt());
    }

    @Test
    void aFailedTextToAFamilyIsFollowedByEmailAsBeforeAndAFamilyTextWaitsOutTheQuietHours() {
        NoticeKey copy = NoticeKey.of("plan-copy|urn:s#e1|mum");
        ClaimedNotice text = failed(copy, NoticeTemplate.PLAN_COPY, Channel.SMS, null);
        NoticeIntent email = FollowUps.after(text, FailureReason.UNDELIVERABLE,
                person(Channel.SMS, "m@example.org", "07700900123", null), LEAD, Post.ALLOWED, NOON).orElseThrow();
        assertEquals(copy.byEmailInstead(), email.key()); // the key of stop 9's "email instead", unchanged
        assertEquals("the text could not be delivered (undeliverable); sent by email instead", email.reason());
        ClaimedNotice bounced = failed(email.key(), NoticeTemplate.PLAN_COPY, Channel.EMAIL, null);
        Instant night = Instant.parse("2026-03-02T22:00:00Z");
        // Then the email bounces: a letter, never the text again.
        assertEquals(Channel.LETTER, FollowUps.after(bounced, FailureReason.UNDELIVERABLE,
                person(Channel.SMS, "m@example.org", "07700900123", HOME), LEAD, Post.ALLOWED, night).orElseThrow().channel());
        // A family text waits out the quiet hours: a bounced email at 22:00 followed by a text goes at 08:00.
        ClaimedNotice bouncedFirst = failed(copy, NoticeTemplate.PLAN_COPY, Channel.EMAIL, null);
        NoticeIntent text2 = FollowUps.after(bouncedFirst, FailureReason.UNDELIVERABLE,
                mum("m@example.org", "07700900123", HOME), LEAD, Post.ALLOWED, night).orElseThrow();
        assertEquals(Channel.SMS, text2.channel());
        assertEquals(Instant.parse("2026-03-03T08:00:00Z"), text2.scheduledFor());
        assertTrue(copy.by(Channel.EMAIL).by(Channel.LETTER).ladderSteps() == 2);
    }
}
