package cin.reminders.domain.notice;

import cin.reminders.domain.event.EventType;
import java.util.Arrays;
import java.util.Optional;

/** The notice templates of CONTRACT.md §3 (and one extension), with their contract names. */
public enum NoticeTemplate {
    PLAN_COPY("plan-copy", Audience.FAMILY),
    RECORD_COPY("record-copy", Audience.FAMILY),
    MEETING_INVITATION("meeting-invitation", Audience.FAMILY),
    MEETING_REMINDER("meeting-reminder", Audience.FAMILY),
    CLOSURE_NOTICE("closure-notice", Audience.FAMILY),
    OBLIGATION_REMINDER("obligation-reminder", Audience.PROFESSIONAL),
    OBLIGATION_OVERDUE("obligation-overdue", Audience.PROFESSIONAL),
    POLICY_BREACH("policy-breach", Audience.PROFESSIONAL),
    CONTACT_FAILED("contact-failed", Audience.PROFESSIONAL),
    /** Extension (Derbyshire D6): a meeting set in school hours for a school-age child who attends. */
    SCHOOL_HOURS_WARNING("school-hours-warning", Audience.PROFESSIONAL),
    /** CONTRACT-2 §9: the owner told that a change of calendar moved an open obligation's due date. */
    DUE_DATE_CHANGED("due-date-changed", Audience.PROFESSIONAL),
    /**
     * CONTRACT-2 §7: a professional's one email of the working day, listing the day's rungs and everything of theirs
     * overdue. It belongs to a person, not a case.
     */
    DAILY_DIGEST("daily-digest", Audience.PROFESSIONAL);

    /** Who a template is written for: families get plain, kind words; professionals get the facts. */
    public enum Audience { FAMILY, PROFESSIONAL }

    private final String id;
    private final Audience audience;

    NoticeTemplate(String id, Audience audience) {
        this.id = id;
        this.audience = audience;
    }

    /** The contract's name, e.g. {@code plan-copy}. */
    public String id() {
        return id;
    }

    public Audience audience() {
        return audience;
    }

    /** Sent to families and agencies, where receivesCopies, the child's age and quiet hours apply. */
    public boolean isFamilyNotice() {
        return audience == Audience.FAMILY;
    }

    /**
     * Has a letter form (CONTRACT-2 §5): the family and agency templates {@code plan-copy}, {@code record-copy},
     * {@code meeting-invitation} and {@code closure-notice}. Professionals never get letters.
     */
    public boolean hasLetterForm() {
        return switch (this) {
            case PLAN_COPY, RECORD_COPY, MEETING_INVITATION, CLOSURE_NOTICE -> true;
            default -> false;
        };
    }

    /**
     * The event whose policy {@code distributions} send this template as copies ({@code plan-copy} on
     * {@code cin.plan.published}, {@code record-copy} on {@code cin.record.published}, {@code closure-notice} on
     * {@code cin.case.closed}), as the notice planner matches them; empty for a template no distribution sends.
     */
    public Optional<EventType> distributedOn() {
        return switch (this) {
            case PLAN_COPY -> Optional.of(EventType.PLAN_PUBLISHED);
            case RECORD_COPY -> Optional.of(EventType.RECORD_PUBLISHED);
            case CLOSURE_NOTICE -> Optional.of(EventType.CASE_CLOSED);
            default -> Optional.empty();
        };
    }

    /** About one person's work across cases rather than one case: stored without a case. */
    public boolean isPersonal() {
        return this == DAILY_DIGEST;
    }

    public static Optional<NoticeTemplate> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
