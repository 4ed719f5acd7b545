package cin.reminders.domain.notice;

import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * When a family member or agency cannot be reached, the lead professional is told
 * ({@code contact-failed}), once per failed notice.
 */
public final class ContactFailure {

    private ContactFailure() {
    }

    /**
     * @param failedKey the key of the notice that failed
     * @param meetingStartsAt the meeting an invitation was for, when that matters to the lead professional (too late
     *                        for post: they have days, not weeks, to reach the person), else null
     */
    public static Optional<NoticeIntent> tell(Participant leadProfessional, CaseRef caseRef, NoticeKey failedKey,
                                              NoticeTemplate failedTemplate, String failedRecipientId,
                                              Role failedRecipientRole, FailureReason reason,
                                              LocalDateTime meetingStartsAt, Instant now) {
        if (leadProfessional == null) {
            return Optional.empty();
        }
        NoticeData data = new NoticeData.ContactFailed(failedTemplate, failedRecipientId, failedRecipientRole, reason,
                meetingStartsAt);
        Delivery d = Delivery.to(leadProfessional);
        return Optional.of(new NoticeIntent(NoticeKey.contactFailed(failedKey, leadProfessional.id()), caseRef,
                NoticeTemplate.CONTACT_FAILED, leadProfessional.id(), leadProfessional.role(), d.channel(),
                leadProfessional.language(), now, d.status(), d.reason(), null, null, data, null));
    }

    /** The case's lead professional, if it has one. */
    public static Participant leadProfessionalOf(CaseState state) {
        return state.current(Role.LEAD_PROFESSIONAL).orElse(null);
    }
}
