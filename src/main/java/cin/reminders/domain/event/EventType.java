package cin.reminders.domain.event;

import static cin.reminders.domain.event.FieldSpec.optional;
import static cin.reminders.domain.event.FieldSpec.required;

import cin.reminders.domain.model.MeetingKind;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.PlanType;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.ReviewOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The case event types of CONTRACT.md §1, with the contract's type strings and the fields each
 * {@code data} carries. This is the one place those strings live.
 */
public enum EventType {
    CASE_OPENED("cin.case.opened",
            required("planType", FieldType.oneOf(PlanType.class)),
            optional("longTermSupport", FieldType.BOOLEAN)),
    CASE_TRANSFERRED("cin.case.transferred",
            required("toTeam", FieldType.STRING)),
    ASSESSMENT_COMPLETED("cin.assessment.completed"),
    INITIAL_PLAN_CREATED("cin.plan.initial-created"),
    PLANNING_MEETING_HELD("cin.planning-meeting.held",
            optional("firstReviewDate", FieldType.DATE)),
    PLAN_PUBLISHED("cin.plan.published",
            required("version", FieldType.POSITIVE_INTEGER),
            required("documentUrl", FieldType.STRING),
            optional("amended", FieldType.BOOLEAN)),
    REVIEW_HELD("cin.review.held",
            required("outcome", FieldType.oneOf(ReviewOutcome.class)),
            optional("formal", FieldType.BOOLEAN),
            optional("planAmended", FieldType.BOOLEAN),
            optional("nextReviewDate", FieldType.DATE)),
    RECORD_PUBLISHED("cin.record.published",
            required("record", FieldType.oneOf(RecordKind.class)),
            required("documentUrl", FieldType.STRING),
            optional("meetingDate", FieldType.DATE)), // CONTRACT-2 §10: the meeting whose record this is
    VISIT_COMPLETED("cin.visit.completed",
            optional("childSeenAlone", FieldType.BOOLEAN)),
    CARE_TEAM_MEETING_HELD("cin.care-team.meeting-held"),
    MEETING_SCHEDULED("cin.meeting.scheduled",
            required("meeting", FieldType.oneOf(MeetingKind.class)),
            required("startsAt", FieldType.LOCAL_DATE_TIME),
            required("venue", FieldType.STRING),
            required("invitees", FieldType.STRING_ARRAY)),
    CIRCUMSTANCES_CHANGED("cin.circumstances.changed",
            optional("significant", FieldType.BOOLEAN),
            optional("summary", FieldType.STRING)),
    PLAN_TYPE_CHANGED("cin.plan.type-changed",
            required("planType", FieldType.oneOf(PlanType.class))),
    CHILD_PROTECTION_PLAN_ENDED("cin.child-protection-plan.ended"),
    CARE_ORDER_DISCHARGED("cin.care-order.discharged"),
    CHILD_RETURNED_HOME("cin.child.returned-home",
            optional("planned", FieldType.BOOLEAN)),
    SUPERVISION_ORDER_MADE("cin.supervision-order.made"),
    WORKING_AGREEMENT_SIGNED("cin.working-agreement.signed",
            required("agreementNumber", FieldType.POSITIVE_INTEGER)),
    TASK_COMPLETED("cin.task.completed",
            required("kind", FieldType.oneOf(ObligationKind.class))),
    CASE_CLOSED("cin.case.closed",
            optional("reason", FieldType.STRING)),
    PARTICIPANT_UPSERTED("cin.participant.upserted"),
    PARTICIPANT_REMOVED("cin.participant.removed",
            required("participantId", FieldType.IDENTIFIER));

    private static final Map<String, EventType> BY_TYPE = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private final String type;
    private final List<FieldSpec> fields;

    EventType(String type, FieldSpec... fields) {
        this.type = type;
        this.fields = List.of(fields);
    }

    /** The CloudEvents {@code type} attribute, as the contract spells it. */
    public String type() {
        return type;
    }

    /** Fields of {@code data} beyond {@code caseId} and {@code date}. */
    public List<FieldSpec> fields() {
        return fields;
    }

    /** Every event carries {@code data.date} except the participant events. */
    public boolean hasDate() {
        return this != PARTICIPANT_UPSERTED && this != PARTICIPANT_REMOVED;
    }

    public static Optional<EventType> fromType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
