package cin.reminders.domain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.PostalAddress;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.policy.Letters;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.Postage;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The proof-of-service ladder: preferred, the other digital channel, a letter; never twice the same, never a letter to a professional. */
class ProofOfServiceTest {

    static final PostalAddress HOME = PostalAddress.of(List.of("1 High Street"), "WS1 1TP");

    static Participant person(Role role, Channel preferred, String email, String mobile, PostalAddress address) {
        return new Participant("p", role, "Jo", email, mobile, preferred, Language.EN, null, null, null, false, null, address);
    }

    @Test
    void theLadderIsPreferredThenTheOtherDigitalChannelThenALetter() {
        assertEquals(List.of(Channel.EMAIL, Channel.SMS, Channel.LETTER),
                ProofOfService.ladder(person(Role.PARENT, Channel.EMAIL, null, null, null)));
        assertEquals(List.of(Channel.SMS, Channel.EMAIL, Channel.LETTER),
                ProofOfService.ladder(person(Role.CARER, Channel.SMS, null, null, null)));
        assertEquals(List.of(Channel.LETTER, Channel.EMAIL, Channel.SMS),
                ProofOfService.ladder(person(Role.AGENCY, Channel.LETTER, null, null, null)));
        assertEquals(List.of(Channel.EMAIL, Channel.SMS),
                ProofOfService.ladder(person(Role.LEAD_PROFESSIONAL, Channel.LETTER, null, null, HOME)));
    }

    @Test
    void aBouncedEmailGoesByTextThenByLetter() {
        Participant mum = person(Role.PARENT, Channel.EMAIL, "m@example.org", "07700900123", HOME);
        assertEquals(Optional.of(Channel.SMS), ProofOfService.after(Channel.EMAIL, mum, Post.ALLOWED));
        assertEquals(Optional.of(Channel.LETTER), ProofOfService.after(Channel.SMS, mum, Post.ALLOWED));
        assertEquals(Optional.empty(), ProofOfService.after(Channel.LETTER, mum, Post.ALLOWED));
        // No mobile: straight to a letter; letters off: nothing more.
        Participant dad = person(Role.PARENT, Channel.EMAIL, "d@example.org", null, HOME);
        assertEquals(Optional.of(Channel.LETTER), ProofOfService.after(Channel.EMAIL, dad, Post.ALLOWED));
        assertEquals(Optional.empty(), ProofOfService.after(Channel.EMAIL, dad, Post.NOT_OFFERED));
        assertEquals(Optional.empty(), ProofOfService.after(Channel.EMAIL, dad, Post.TOO_LATE));
        assertEquals(FailureReason.TOO_LATE_FOR_POST, ProofOfService.unreachable(dad, Post.TOO_LATE));
        assertEquals(FailureReason.NO_CONTACT, ProofOfService.unreachable(dad, Post.NOT_OFFERED));
    }

    /** Whatever the person has and whatever post allows, following the ladder never repeats a channel and ends. */
    @Property
    void followingTheLadderNeverRepeatsAChannel(@ForAll Role role, @ForAll Channel preferred, @ForAll boolean email,
                                                 @ForAll boolean mobile, @ForAll boolean address, @ForAll Post post) {
        Participant p = person(role, preferred, email ? "x@example.org" : null, mobile ? "07700900123" : null,
                address ? HOME : null);
        List<Channel> tried = new ArrayList<>();
        Optional<Channel> next = ProofOfService.first(p, post);
        while (next.isPresent()) {
            assertEquals(false, tried.contains(next.get()), "repeated " + next.get() + " after " + tried);
            tried.add(next.get());
            next = ProofOfService.after(next.get(), p, post);
        }
        assertEquals(false, role.isProfessional() && tried.contains(Channel.LETTER));
        assertEquals(false, post != Post.ALLOWED && tried.contains(Channel.LETTER));
        assertEquals(true, tried.size() <= ProofOfService.MAX_STEPS);
    }

    /** CONTRACT-2 §5: an invitation goes by post only when the meeting is at least minWorkingDaysBeforeMeeting away. */
    @Test
    void anInvitationIsPostedOnlyWhenTheMeetingIsFarEnoughAway() {
        Policy walsall = TestPolicies.get("walsall");
        Letters on = new Letters(true, Postage.SECOND, 3);
        LocalDate monday = LocalDate.parse("2026-03-02");
        assertEquals(Post.TOO_LATE, Post.of(on, walsall.calendar(), NoticeTemplate.MEETING_INVITATION,
                LocalDateTime.parse("2026-03-04T10:00"), monday)); // Wednesday: 2 working days
        assertEquals(Post.ALLOWED, Post.of(on, walsall.calendar(), NoticeTemplate.MEETING_INVITATION,
                LocalDateTime.parse("2026-03-05T10:00"), monday)); // Thursday: 3
        // Over Easter 2026 (Good Friday 3 April, Easter Monday 6 April): Thursday 2 April to Wednesday 8 April is 2.
        assertEquals(Post.TOO_LATE, Post.of(on, walsall.calendar(), NoticeTemplate.MEETING_INVITATION,
                LocalDateTime.parse("2026-04-08T10:00"), LocalDate.parse("2026-04-02")));
        assertEquals(Post.ALLOWED, Post.of(on, walsall.calendar(), NoticeTemplate.PLAN_COPY, (LocalDateTime) null, monday));
        assertEquals(Post.NOT_OFFERED, Post.of(on, walsall.calendar(), NoticeTemplate.MEETING_REMINDER,
                LocalDateTime.parse("2026-03-20T10:00"), monday));
        assertEquals(Post.NOT_OFFERED, Post.of(Letters.off(), walsall.calendar(), NoticeTemplate.PLAN_COPY,
                (LocalDateTime) null, monday));
    }

    @Test
    void theBundledPoliciesPostSecondClass() {
        for (String council : List.of("derbyshire", "durham", "hillingdon", "portsmouth", "walsall")) {
            assertEquals(new Letters(true, Postage.SECOND, 3), TestPolicies.get(council).letters(), council);
        }
    }
}
