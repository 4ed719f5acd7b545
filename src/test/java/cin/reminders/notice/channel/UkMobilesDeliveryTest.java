package cin.reminders.notice.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.domain.delivery.DeliveryDecision;
import cin.reminders.domain.delivery.DeliveryPolicy;
import cin.reminders.domain.delivery.PendingNotice;
import cin.reminders.domain.delivery.Verdict;
import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.Language;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.FailureReason;
import cin.reminders.domain.notice.NoticeTemplate;
import cin.reminders.domain.notice.QuietHours;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The delivery policy with the UK mobile rules the SMS channel applies, as the dispatcher is to wire it. */
class UkMobilesDeliveryTest {

    final DeliveryPolicy policy = new DeliveryPolicy(QuietHours.standard(), UkMobiles::normalise);
    final PendingNotice text = new PendingNotice(NoticeTemplate.PLAN_COPY, Channel.SMS, Role.PARENT, null);
    final Instant midday = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void aUkMobileIsSentInE164AndALandlineIsNotAMobile() {
        assertEquals(new DeliveryDecision.Send(Channel.SMS, "+447700900123"),
                policy.decide(text, Optional.empty(), Optional.of(parent("07700 900123")), midday));
        assertEquals(new Verdict.Fail(FailureReason.INVALID_MOBILE, "not a valid UK mobile number"),
                policy.decide(text, Optional.empty(), Optional.of(parent("01632 960000")), midday));
    }

    private static Participant parent(String mobile) {
        return new Participant("mum", Role.PARENT, "Alex", null, mobile, Channel.SMS, Language.EN, null, null, null, false, null);
    }
}
