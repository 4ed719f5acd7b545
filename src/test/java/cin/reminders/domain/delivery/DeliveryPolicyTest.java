package cin.reminders.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.PostalAddress;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.Post;
import cin.reminders.domain.notice.NoticeStatus;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.domain.notice.QuietHours;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every branch of the delivery policy, in the order it checks them. */
class DeliveryPolicyTest {

    static final UUID OBLIGATION = UUID.fromString("945fe125-81f1-34b8-95be-95f78c5cb846");
    static final Instant MIDDAY = london("2026-03-02T12:00");
    static final Instant NIGHT = london("2026-03-02T21:15");

    /** A stand-in for the UK rules: numbers starting 07 are mobiles. */
    final DeliveryPolicy policy = new DeliveryPolicy(QuietHours.standard(),
            raw -> raw.startsWith("07") ? Optional.of("+44" + raw.substring(1)) : Optional.empty());

    static Instant london(String local) {
        return LocalDateTime.parse(local).atZone(QuietHours.LONDON).toInstant();
    }

    static Participant person(Role role, String email, String mobile) {
        return new Participant("p1", role, "Name", email, mobile, Channel.EMAIL, Language.EN, null, null, null, false, null);
    }

    static final Participant MUM = person(Role.PARENT, "mum@example.org", "07700900123");

    // Withdrawn

    @Test
    void aReminderOfAClosedObligationIsWithdrawn() {
        for (ObligationStatus closed : new ObligationStatus[] {ObligationStatus.COMPLETED, ObligationStatus.CANCELLED}) {
            DeliveryDecision d = policy.decide(reminder(NoticeTemplate.OBLIGATION_REMINDER), Optional.of(closed),
                    Optional.of(person(Role.LEAD_PROFESSIONAL, "lp@example.org", null)), MIDDAY);
            assertEquals(new DeliveryDecision.Withdraw(), d, closed.name());
        }
    }

    @Test
    void anOverdueNoticeOfAnObligationNoLongerThereIsWithdrawnEvenWhenItsRecipientHasGoneToo() {
        assertEquals(new DeliveryDecision.Withdraw(),
                policy.decide(reminder(NoticeTemplate.OBLIGATION_OVERDUE), Optional.empty(), Optional.empty(), MIDDAY));
    }

    @Test
    void aReminderOfAnOpenObligationGoesOnIncludingOnePastItsDueDate() {
        Participant lp = person(Role.LEAD_PROFESSIONAL, "lp@example.org", null);
        for (ObligationStatus open : new ObligationStatus[] {ObligationStatus.OPEN, ObligationStatus.OVERDUE}) {
            assertEquals(new DeliveryDecision.Send(Channel.EMAIL, "lp@example.org"),
                    policy.decide(reminder(NoticeTemplate.OBLIGATION_OVERDUE), Optional.of(open), Optional.of(lp), MIDDAY));
        }
    }

    @Test
    void onlyReminderRungsAreWithdrawn() {
        Participant tm = person(Role.TEAM_MANAGER, "tm@example.org", null);
        PendingNotice breach = new PendingNotice(NoticeTemplate.POLICY_BREACH, Channel.EMAIL, Role.TEAM_MANAGER, OBLIGATION);
        assertEquals(new DeliveryDecision.Send(Channel.EMAIL, "tm@example.org"),
                policy.decide(breach, Optional.of(ObligationStatus.COMPLETED), Optional.of(tm), MIDDAY));
        PendingNotice noObligation = new PendingNotice(NoticeTemplate.OBLIGATION_REMINDER, Channel.EMAIL,
                Role.TEAM_MANAGER, null);
        assertEquals(new DeliveryDecision.Send(Channel.EMAIL, "tm@example.org"),
                policy.decide(noObligation, Optional.empty(), Optional.of(tm), MIDDAY));
    }

    // Recipient gone

    @Test
    void aRecipientNoLongerOnTheCaseCannotBeReachedEvenInQuietHours() {
        PendingNotice text = family(Channel.SMS);
        assertEquals(new Verdict.Fail(FailureReason.NO_CONTACT, "the recipient is no longer on the case"),
                policy.decide(text, Optional.empty(), Optional.empty(), NIGHT));
    }

    // Quiet hours

    @Test
    void aFamilyTextInQuietHoursWaitsFor8WithoutCountingAndBeforeItsNumberIsChecked() {
        Participant badNumber = person(Role.PARENT, null, "12345");
        DeliveryDecision d = policy.decide(family(Channel.SMS), Optional.empty(), Optional.of(badNumber), NIGHT);
        assertEquals(new Verdict.Retry(london("2026-03-03T08:00"), "waiting for 08:00 (quiet hours)", false), d);
        assertEquals(new Verdict.Retry(london("2026-03-03T08:00"), "waiting for 08:00 (quiet hours)", false),
                policy.decide(family(Channel.SMS), Optional.empty(), Optional.of(MUM), london("2026-03-03T07:59")));
    }

    @Test
    void quietHoursEndAt8() {
        assertEquals(new DeliveryDecision.Send(Channel.SMS, "+447700900123"),
                policy.decide(family(Channel.SMS), Optional.empty(), Optional.of(MUM), london("2026-03-03T08:00")));
    }

    @Test
    void quietHoursAreForFamilyTextsOnly() {
        // an email to the family
        assertEquals(new DeliveryDecision.Send(Channel.EMAIL, "mum@example.org"),
                policy.decide(family(Channel.EMAIL), Optional.empty(), Optional.of(MUM), NIGHT));
        // a family notice texted to an agency
        Participant agency = person(Role.AGENCY, null, "07700900456");
        assertEquals(new DeliveryDecision.Send(Channel.SMS, "+447700900456"), policy.decide(
                new PendingNotice(NoticeTemplate.MEETING_REMINDER, Channel.SMS, Role.AGENCY, null), Optional.empty(),
                Optional.of(agency), NIGHT));
        // a professional's notice texted to a parent (contact-failed is never a family notice)
        assertEquals(new DeliveryDecision.Send(Channel.SMS, "+447700900123"), policy.decide(
                new PendingNotice(NoticeTemplate.CONTACT_FAILED, Channel.SMS, Role.PARENT, null), Optional.empty(),
                Optional.of(MUM), NIGHT));
    }

    // Address

    @Test
    void noEmailAddressOnRecord() {
        assertEquals(new Verdict.Fail(FailureReason.NO_CONTACT, "no email address on record"), policy.decide(
                family(Channel.EMAIL), Optional.empty(), Optional.of(person(Role.PARENT, " ", "07700900123")), MIDDAY));
    }

    @Test
    void noMobileNumberOnRecord() {
        assertEquals(new Verdict.Fail(FailureReason.NO_CONTACT, "no mobile number on record"), policy.decide(
                family(Channel.SMS), Optional.empty(), Optional.of(person(Role.PARENT, "mum@example.org", null)), MIDDAY));
    }

    @Test
    void aMobileNumberOnRecordThatIsNotAValidUkMobile() {
        assertEquals(new Verdict.Fail(FailureReason.INVALID_MOBILE, "not a valid UK mobile number"), policy.decide(
                family(Channel.SMS), Optional.empty(), Optional.of(person(Role.PARENT, "mum@example.org", "01632 960000")),
                MIDDAY));
    }

    /** A letter goes to the name, the lines and the postcode, one per line, at any hour (a letter is no text). */
    @Test
    void aLetterIsAddressedToTheNameTheLinesAndThePostcode() {
        Participant mum = new Participant("p1", Role.PARENT, "Jo Bloggs", null, null, Channel.LETTER,
                Language.EN, null, null, null, true, null, PostalAddress.of(List.of("1 High Street", "Walsall"), "ws11tp"));
        DeliveryDecision.Send send = new DeliveryDecision.Send(Channel.LETTER, "Jo Bloggs\n1 High Street\nWalsall\nWS1 1TP");
        assertEquals(send, policy.decide(letter(Post.ALLOWED), Optional.empty(), Optional.of(mum), MIDDAY));
        assertEquals(send, policy.decide(letter(Post.ALLOWED), Optional.empty(), Optional.of(mum), NIGHT));
        assertEquals("Send[LETTER]", send.toString()); // the address never reaches a log line
    }

    /** Checked again when claimed: letters turned off, the meeting now too near, no address, no name. */
    @Test
    void aLetterFailsWhenPostIsNoLongerAllowedOrNoAddressIsOnRecord() {
        Participant mum = new Participant("p1", Role.PARENT, "Jo", null, null, Channel.LETTER,
                Language.EN, null, null, null, false, null, PostalAddress.of(List.of("1 High Street"), "WS1 1TP"));
        assertEquals(FailureReason.TOO_LATE_FOR_POST,
                ((Verdict.Fail) policy.decide(letter(Post.TOO_LATE), Optional.empty(), Optional.of(mum), MIDDAY)).reason());
        assertEquals(FailureReason.NO_CONTACT,
                ((Verdict.Fail) policy.decide(letter(Post.NOT_OFFERED), Optional.empty(), Optional.of(mum), MIDDAY)).reason());
        Participant noAddress = new Participant("p1", Role.PARENT, "Jo", null, null, Channel.LETTER,
                Language.EN, null, null, null, false, null, null);
        assertEquals(new Verdict.Fail(FailureReason.NO_CONTACT, "no postal address on record"),
                policy.decide(letter(Post.ALLOWED), Optional.empty(), Optional.of(noAddress), MIDDAY));
        Participant noName = new Participant("p1", Role.PARENT, " ", null, null, Channel.LETTER,
                Language.EN, null, null, null, false, null, PostalAddress.of(List.of("1 High Street"), "WS1 1TP"));
        assertEquals(FailureReason.INVALID_ADDRESS,
                ((Verdict.Fail) policy.decide(letter(Post.ALLOWED), Optional.empty(), Optional.of(noName), MIDDAY)).reason());
    }

    // Send

    @Test
    void sentByItsChannelToTheAddressOnRecordNowWithTheMobileNormalised() {
        assertEquals(new DeliveryDecision.Send(Channel.EMAIL, "mum@example.org"),
                policy.decide(family(Channel.EMAIL), Optional.empty(), Optional.of(MUM), MIDDAY));
        assertEquals(new DeliveryDecision.Send(Channel.SMS, "+447700900123"),
                policy.decide(family(Channel.SMS), Optional.empty(), Optional.of(MUM), MIDDAY));
    }

    // What each decision does to the row

    @Test
    void eachDecisionKnowsWhatItWrites() {
        assertEquals(Optional.empty(), new DeliveryDecision.Send(Channel.EMAIL, "a@b").writes());
        assertFalse(new DeliveryDecision.Send(Channel.EMAIL, "a@b").settles());
        assertEquals(Optional.empty(), new DeliveryDecision.Withdraw().writes());
        assertTrue(new DeliveryDecision.Withdraw().settles());
        Verdict.Fail fail = new Verdict.Fail(FailureReason.NO_CONTACT, "x");
        assertEquals(Optional.of(NoticeStatus.FAILED), fail.writes());
        assertTrue(fail.settles());
        Verdict.Retry retry = new Verdict.Retry(MIDDAY, "x", false);
        assertEquals(Optional.of(NoticeStatus.SCHEDULED), retry.writes());
        assertFalse(retry.settles());
    }

    @Test
    void anAddressNeverReachesALogLine() {
        assertEquals("Send[SMS]", new DeliveryDecision.Send(Channel.SMS, "+447700900123").toString());
    }

    private static PendingNotice reminder(NoticeTemplate template) {
        return new PendingNotice(template, Channel.EMAIL, Role.LEAD_PROFESSIONAL, OBLIGATION);
    }

    private static PendingNotice letter(Post post) {
        return new PendingNotice(NoticeTemplate.PLAN_COPY, Channel.LETTER, Role.PARENT, null, post);
    }

    private static PendingNotice family(Channel channel) {
        return new PendingNotice(NoticeTemplate.MEETING_INVITATION, channel, Role.PARENT, null);
    }
}
