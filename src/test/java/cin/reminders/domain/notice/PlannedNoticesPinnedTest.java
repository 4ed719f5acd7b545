package cin.reminders.domain.notice;

import cin.reminders.domain.model.CaseRef;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cin.reminders.domain.CaseReplay;
import cin.reminders.domain.Events;
import cin.reminders.domain.TestPolicies;
import cin.reminders.domain.engine.CaseState;
import cin.reminders.domain.engine.Decision;
import cin.reminders.domain.engine.PolicyEngine;
import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.CloudEventReader;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.policy.Policy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Notice keys, ids and data are stored: the id is derived from the key, and the data is the row's
 * JSON. These lines were taken from the planner before keys and data were typed, and must never
 * change, or every notice planned again after a deploy (a replay, a reminder rung) would be sent twice.
 */
public class PlannedNoticesPinnedTest {

    private static final CloudEventReader READER = new CloudEventReader(TestPolicies.registry()::knows);

    @Test
    void everyKindOfPlannedNoticeKeepsItsKeyIdAndData() {
        assertEquals(PINNED.strip(), lines(plannedNotices()));
    }

    @Test
    void whatIsStoredReadsBackAsWhatWasPlanned() {
        for (NoticeIntent n : plannedNotices()) {
            assertEquals(n.data(), NoticeData.fromMap(n.template(), n.data().toMap()), n.key().value());
        }
    }

    static final String PINNED = """
            plan-copy|urn:test:service#pin-plan|mum -> d0476a8b-2bec-3f00-a472-677391726744 {amended=true, documentUrl=https://cms.example/plan/2, eventDate=2026-03-02, version=2}
            plan-copy|urn:test:service#pin-plan|dad -> 33942802-2c62-3ac6-b5c7-3a865898dc95 {amended=true, documentUrl=https://cms.example/plan/2, eventDate=2026-03-02, version=2}
            plan-copy|urn:test:service#pin-plan|school -> 5b6006aa-407d-3e0f-84d2-6c8cdb163c8d {amended=true, documentUrl=https://cms.example/plan/2, eventDate=2026-03-02, version=2}
            plan-copy|urn:test:service#pin-plan|kid -> 0c14aeae-e3da-342a-8321-bf062ec81bfc {amended=true, documentUrl=https://cms.example/plan/2, eventDate=2026-03-02, version=2}
            contact-failed|plan-copy|urn:test:service#pin-plan|dad|lp -> 32c87f42-8a62-3d33-a432-0ce05fbe211f {failedReason=no-contact, failedRecipientId=dad, failedRecipientRole=PARENT, failedTemplate=plan-copy}
            record-copy|urn:test:service#pin-record|mum -> 403f1a8b-236c-3ff7-ae6e-eb90f0cb1946 {documentUrl=https://cms.example/rec, eventDate=2026-03-02, record=REVIEW}
            record-copy|urn:test:service#pin-record|dad -> a9d65a09-35e2-3b4f-95c9-76ca93a5db37 {documentUrl=https://cms.example/rec, eventDate=2026-03-02, record=REVIEW}
            record-copy|urn:test:service#pin-record|school -> a6a1c94b-8b6b-327d-99b0-38bd118a8695 {documentUrl=https://cms.example/rec, eventDate=2026-03-02, record=REVIEW}
            record-copy|urn:test:service#pin-record|kid -> 208882ca-f7fb-3faa-8e90-32c14f71c35d {documentUrl=https://cms.example/rec, eventDate=2026-03-02, record=REVIEW}
            contact-failed|record-copy|urn:test:service#pin-record|dad|lp -> a54b3118-a87b-3a0b-a8f7-4525497f9bb9 {failedReason=no-contact, failedRecipientId=dad, failedRecipientRole=PARENT, failedTemplate=record-copy}
            meeting-invitation|urn:test:service#pin-meeting|mum -> b2ec970a-b761-3128-b984-dc256a0fb998 {meeting=REVIEW, startsAt=2026-03-05T09:30, venue=Civic Offices, venueConfidential=true}
            meeting-reminder|urn:test:service#pin-meeting|mum -> 2abaaef8-9fd1-3b3d-96c0-ee47802b8b01 {meeting=REVIEW, startsAt=2026-03-05T09:30, venue=Civic Offices, venueConfidential=true}
            meeting-invitation|urn:test:service#pin-meeting|dad -> 3b8a995f-0d0d-3241-b111-016f528e7e4b {meeting=REVIEW, startsAt=2026-03-05T09:30, venue=Civic Offices, venueConfidential=true}
            meeting-reminder|urn:test:service#pin-meeting|dad -> 750a03db-41ca-334b-9283-5a2348bf95b9 {meeting=REVIEW, startsAt=2026-03-05T09:30, venue=Civic Offices, venueConfidential=true}
            meeting-invitation|urn:test:service#pin-meeting|school -> fae207f2-b1aa-3b3a-afa7-e9a46bd2b64a {meeting=REVIEW, startsAt=2026-03-05T09:30, venue=Civic Offices, venueConfidential=true}
            meeting-reminder|urn:test:service#pin-meeting|school -> 471bf95c-6218-385f-8b85-5d1a16c95e06 {meeting=REVIEW, startsAt=2026-03-05T09:30, venue=Civic Offices, venueConfidential=true}
            contact-failed|meeting-invitation|urn:test:service#pin-meeting|dad|lp -> 801a3884-9a84-3c79-bb71-44312521fae8 {failedReason=no-contact, failedRecipientId=dad, failedRecipientRole=PARENT, failedTemplate=meeting-invitation}
            contact-failed|meeting-reminder|urn:test:service#pin-meeting|dad|lp -> 3969f653-2f77-3d7a-bb2d-36c384d3687a {failedReason=no-contact, failedRecipientId=dad, failedRecipientRole=PARENT, failedTemplate=meeting-reminder}
            closure-notice|urn:test:service#pin-closed|mum -> 156ad98e-6924-3396-8e30-feaa50d46c1d {eventDate=2026-03-09}
            closure-notice|urn:test:service#pin-closed|dad -> d0a58185-5c59-3513-934b-029fe0effe59 {eventDate=2026-03-09}
            closure-notice|urn:test:service#pin-closed|school -> f8f0ad9e-1c62-3cf3-8ad0-f4cfae849017 {eventDate=2026-03-09}
            closure-notice|urn:test:service#pin-closed|kid -> a1ee0c74-d587-382b-829d-2b4fa247eae8 {eventDate=2026-03-09}
            contact-failed|closure-notice|urn:test:service#pin-closed|dad|lp -> a182b994-e300-3b66-a39a-6ffbb247ad9e {failedReason=no-contact, failedRecipientId=dad, failedRecipientRole=PARENT, failedTemplate=closure-notice}
            policy-breach|945fe125-81f1-34b8-95be-95f78c5cb846|tm2 -> d71ffc30-353b-3196-8025-173d4b0cb27d {agreedDate=2026-05-01, dueDate=2026-04-02, obligationKind=PLAN_REVIEW, ruleId=D1}
            meeting-invitation|urn:test:service#pin-school|lp2 -> 7eb4f7b1-6e1a-3666-80f6-1ef14af936a8 {meeting=PLANNING, startsAt=2026-03-10T10:00:30, venue=School}
            meeting-reminder|urn:test:service#pin-school|lp2 -> 506a783b-3a4f-3a40-a7c6-e11942c3f649 {meeting=PLANNING, startsAt=2026-03-10T10:00:30, venue=School}
            school-hours-warning|urn:test:service#pin-school|lp2 -> ec84242f-e391-3dc2-9e7e-1f9783c9b6cf {meeting=PLANNING, startsAt=2026-03-10T10:00:30, venue=School}
            obligation-reminder|7d1c1c6e-0f0a-3c5b-9a51-3c0a3b9f1d2e|before-5|lp2 -> 43531d52-e91b-3df9-8334-2e1a6dd4e53e {step=before-5}
            obligation-overdue|7d1c1c6e-0f0a-3c5b-9a51-3c0a3b9f1d2e|overdue-1|tm2 -> 01f954f3-975d-3bfc-aaf0-5b4f1ff7cfbe {step=overdue-1}
            obligation-overdue|7d1c1c6e-0f0a-3c5b-9a51-3c0a3b9f1d2e|overdue-1|lp2 -> c4514a26-9f31-31ac-85be-70f38498386e {step=overdue-1}
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 -> fae4e579-5d52-3566-a7c5-f0e18d4974b2 {failedReason=no-contact, failedRecipientId=mum-no-contact, failedRecipientRole=PARENT, failedTemplate=meeting-invitation}
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 -> fae4e579-5d52-3566-a7c5-f0e18d4974b2 {failedReason=invalid-mobile, failedRecipientId=mum-invalid-mobile, failedRecipientRole=PARENT, failedTemplate=meeting-invitation}
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 -> fae4e579-5d52-3566-a7c5-f0e18d4974b2 {failedReason=rejected, failedRecipientId=mum-rejected, failedRecipientRole=PARENT, failedTemplate=meeting-invitation}
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 -> fae4e579-5d52-3566-a7c5-f0e18d4974b2 {failedReason=undeliverable, failedRecipientId=mum-undeliverable, failedRecipientRole=PARENT, failedTemplate=meeting-invitation}
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 -> fae4e579-5d52-3566-a7c5-f0e18d4974b2 {failedReason=gave-up, failedRecipientId=mum-gave-up, failedRecipientRole=PARENT, failedTemplate=meeting-invitation}
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 -> fae4e579-5d52-3566-a7c5-f0e18d4974b2 {failedReason=invalid-address, failedRecipientId=mum-invalid-address, failedRecipientRole=PARENT, failedTemplate=meeting-invitation}
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 -> fae4e579-5d52-3566-a7c5-f0e18d4974b2 {failedReason=too-late-for-post, failedRecipientId=mum-too-late-for-post, failedRecipientRole=PARENT, failedTemplate=meeting-invitation}
            contact-failed|meeting-invitation|urn:test:service#pin-x|mum|email|lp2 -> fae4e579-5d52-3566-a7c5-f0e18d4974b2 {failedReason=returned, failedRecipientId=mum-returned, failedRecipientRole=PARENT, failedTemplate=meeting-invitation}
            """;

    /**
     * A plan's event may carry fields the contract does not name. An extra {@code record} that names a
     * record is stored as before; one that does not (nothing words it on a plan) is no longer stored.
     */
    @Test
    void anExtraRecordFieldOnAPlanIsStoredWhenItNamesARecord() {
        Events p = new Events("portsmouth", "PIN-3");
        CaseReplay r = new CaseReplay(TestPolicies.get("portsmouth"), "PIN-3").apply(p.participant("mum", "PARENT"));
        NoticeIntent named = plan("portsmouth", r, event(p, "pin-extra-1", "cin.plan.published", "2026-03-02", "version", 1,
                "documentUrl", "https://cms.example/p", "record", "REVIEW"), london("2026-03-02T11:00")).get(0);
        assertEquals("{amended=false, documentUrl=https://cms.example/p, eventDate=2026-03-02, record=REVIEW, version=1}",
                new TreeMap<>(named.data().toMap()).toString());
        NoticeIntent other = plan("portsmouth", r, event(p, "pin-extra-2", "cin.plan.published", "2026-03-02", "version", 1,
                "documentUrl", "https://cms.example/p", "record", "minutes"), london("2026-03-02T11:00")).get(0);
        assertEquals("{amended=false, documentUrl=https://cms.example/p, eventDate=2026-03-02, version=1}",
                new TreeMap<>(other.data().toMap()).toString());
    }

    /** One of every kind of notice the planner, the reminder ladder and the contact-failure rule write. */
    public static List<NoticeIntent> plannedNotices() {
        List<NoticeIntent> out = new ArrayList<>();
        Instant now = london("2026-03-02T11:00");

        // Portsmouth: copies of a plan and a review record, a meeting with its reminder, closure; one parent unreachable.
        Events p = new Events("portsmouth", "PIN-1");
        CaseReplay ports = new CaseReplay(TestPolicies.get("portsmouth"), "PIN-1")
                .apply(p.participant("lp", "LEAD_PROFESSIONAL"))
                .apply(p.participant("tm", "TEAM_MANAGER"))
                .apply(p.participant("mum", "PARENT", "preferredChannel", "SMS", "mobile", "07700900123"))
                .apply(p.participant("dad", "PARENT", "email", null))
                .apply(p.participant("school", "AGENCY", "addressConfidential", true))
                .apply(p.participant("kid", "CHILD", "dateOfBirth", "2010-05-01"))
                .apply(p.event("cin.planning-meeting.held", "2026-02-02"));
        out.addAll(plan("portsmouth", ports, event(p, "pin-plan", "cin.plan.published", "2026-03-02", "version", 2,
                "amended", true, "documentUrl", "https://cms.example/plan/2"), now));
        out.addAll(plan("portsmouth", ports, event(p, "pin-record", "cin.record.published", "2026-03-02",
                "record", "REVIEW", "documentUrl", "https://cms.example/rec"), now));
        out.addAll(plan("portsmouth", ports, event(p, "pin-meeting", "cin.meeting.scheduled", "2026-03-02",
                "meeting", "REVIEW", "startsAt", "2026-03-05T09:30", "venue", "Civic Offices",
                "invitees", List.of("mum", "dad", "school")), now));
        out.addAll(plan("portsmouth", ports, event(p, "pin-closed", "cin.case.closed", "2026-03-09",
                "reason", "no further need"), london("2026-03-09T11:00")));

        // Derbyshire: a review agreed past the statutory maximum, and a meeting in school hours with a school-age child.
        Events d = new Events("derbyshire", "PIN-2");
        CaseReplay derby = new CaseReplay(TestPolicies.get("derbyshire"), "PIN-2")
                .apply(d.participant("lp2", "LEAD_PROFESSIONAL"))
                .apply(d.participant("tm2", "TEAM_MANAGER"))
                .apply(d.participant("kid2", "CHILD", "dateOfBirth", "2016-01-01"))
                .apply(event(d, "pin-pm", "cin.planning-meeting.held", "2026-01-12"));
        out.addAll(plan("derbyshire", derby, event(d, "pin-review", "cin.review.held", "2026-02-20",
                "outcome", "CONTINUE", "nextReviewDate", "2026-05-01"), london("2026-02-20T11:00")));
        out.addAll(plan("derbyshire", derby, event(d, "pin-school", "cin.meeting.scheduled", "2026-03-02",
                "meeting", "PLANNING", "startsAt", "2026-03-10T10:00:30", "venue", "School",
                "invitees", List.of("kid2", "lp2")), now));

        // A reminder rung before the due date, then an escalation; and the contact-failed of a failed text.
        CaseRef PIN_2 = new CaseRef("derbyshire", "PIN-2");
        List<Participant> people = new ArrayList<>(derby.state().participants().values());
        UUID obligation = UUID.fromString("7d1c1c6e-0f0a-3c5b-9a51-3c0a3b9f1d2e");
        out.addAll(ReminderNotices.forStep(obligation, PIN_2, Role.LEAD_PROFESSIONAL, "lp2",
                new ReminderStep("before-5", london("2026-03-02T08:30")), people, london("2026-03-02T08:30")));
        out.addAll(ReminderNotices.forStep(obligation, PIN_2, Role.LEAD_PROFESSIONAL, "lp2",
                new ReminderStep("overdue-1", london("2026-03-16T08:30")), people, london("2026-03-16T08:30")));
        Participant lp = derby.state().participants().get("lp2");
        for (FailureReason reason : FailureReason.values()) {
            out.add(ContactFailure.tell(lp, PIN_2, NoticeKey.of("meeting-invitation|urn:test:service#pin-x|mum|email"),
                    NoticeTemplate.MEETING_INVITATION, "mum-" + reason.code(), Role.PARENT, reason, null, now).orElseThrow());
        }
        return out;
    }

    static String lines(List<NoticeIntent> notices) {
        return notices.stream().map(n -> n.key().value() + " -> " + n.id() + " " + new TreeMap<>(n.data().toMap()))
                .collect(Collectors.joining("\n"));
    }

    private static List<NoticeIntent> plan(String authority, CaseReplay replay, CaseEvent event, Instant now) {
        Policy policy = TestPolicies.get(authority);
        CaseState before = replay.state();
        Decision decision = new PolicyEngine().apply(policy, before, event);
        replay.apply(event);
        return new NoticePlanner().plan(policy, event, before, decision, now).notices();
    }

    /** An event with a fixed id, so that its key (and the keys of its notices) are the same every run. */
    private static CaseEvent event(Events e, String id, String type, String date, Object... fields) {
        ObjectNode json = e.json(type, date, fields);
        json.put("id", id);
        return READER.read(json);
    }

    static Instant london(String local) {
        return LocalDateTime.parse(local).atZone(QuietHours.LONDON).toInstant();
    }
}
