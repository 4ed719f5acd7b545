package cin.reminders.domain.event;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fields of event data that carry a date agreed at a meeting, and the event that carries each. One list for
 * the event reader (an agreed date must not be before the meeting) and the policy loader (a rule's {@code agreed}
 * and {@code agreedOnly} name one of these, and only on the event that carries it).
 */
public enum AgreedDate {
    FIRST_REVIEW_DATE("firstReviewDate", EventType.PLANNING_MEETING_HELD),
    NEXT_REVIEW_DATE("nextReviewDate", EventType.REVIEW_HELD),
    NEXT_MEETING_DATE("nextMeeting.date", EventType.CARE_TEAM_MEETING_HELD);

    /** The field paths, in order: {@code firstReviewDate}, {@code nextReviewDate}, {@code nextMeeting.date}. */
    public static final List<String> FIELDS = Arrays.stream(values()).map(AgreedDate::field).toList();

    private final String field;
    private final EventType carriedBy;

    AgreedDate(String field, EventType carriedBy) {
        this.field = field;
        this.carriedBy = carriedBy;
    }

    /** The path in {@code data}, e.g. {@code nextMeeting.date}. */
    public String field() {
        return field;
    }

    /** The event whose data carries it. */
    public EventType carriedBy() {
        return carriedBy;
    }

    public static Optional<AgreedDate> fromField(String field) {
        return Arrays.stream(values()).filter(a -> a.field.equals(field)).findFirst();
    }
}
