package cin.reminders.domain.engine;

import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.engine.DueDates.Due;
import cin.reminders.domain.event.CaseEvent;
import cin.reminders.domain.event.EventType;
import cin.reminders.domain.model.CloseReason;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.ObligationStatus;
import cin.reminders.domain.model.Participant;
import cin.reminders.domain.model.PlanType;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.policy.DueAnchor;
import cin.reminders.domain.policy.DueRule;
import cin.reminders.domain.policy.Policy;
import cin.reminders.domain.policy.Rule;
import cin.reminders.domain.policy.RuleContext;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The policy engine: given a case's state, one of its events and the council's policy, decides
 * which obligations open, complete, move or cancel. A pure function: no I/O, no clock, no
 * mutation of its inputs; the dry-run preview and the property tests call it exactly as
 * ingestion does.
 */
public final class PolicyEngine {

    public Decision apply(Policy policy, CaseState state, CaseEvent event) {
        return new Step(policy, state, event).run();
    }

    /** One event applied to one case. Mutable, but never escapes {@link #apply}. */
    private static final class Step {
        private final Policy policy;
        private final WorkingCalendar calendar;
        private final CaseState state;
        private final CaseEvent event;
        private final Map<UUID, Obligation> open = new LinkedHashMap<>();
        private final Map<UUID, Obligation> changed = new LinkedHashMap<>();
        private final Map<String, Participant> participants;
        private CaseFacts facts;

        Step(Policy policy, CaseState state, CaseEvent event) {
            this.policy = policy;
            this.calendar = policy.calendar();
            this.state = state;
            this.event = event;
            this.facts = state.facts();
            this.participants = new LinkedHashMap<>(state.participants());
            state.open().forEach(o -> open.put(o.id(), o));
        }

        Decision run() {
            CaseFacts before = state.facts();
            switch (event.type()) {
                case PARTICIPANT_UPSERTED -> {
                    Participant p = event.data().participant();
                    participants.remove(p.id()); // re-insert last: the latest upsert holds the role
                    participants.put(p.id(), p);
                    reassignOwners();
                }
                case PARTICIPANT_REMOVED -> {
                    participants.remove(event.data().string("participantId"));
                    reassignOwners();
                }
                default -> applyCaseEvent(before);
            }
            CaseState after = new CaseState(state.caseId(), state.authority(), facts, participants,
                    new ArrayList<>(open.values()));
            return new Decision(after, List.copyOf(changed.values()));
        }

        private void applyCaseEvent(CaseFacts before) {
            facts = updatedFacts(before);
            fulfil(before);
            if (event.type() == EventType.REVIEW_HELD) {
                facts = facts.reviewOn(event.date()); // a new review cycle starts after the fulfilments
            }
            if (event.type() == EventType.CASE_CLOSED) {
                for (Obligation o : List.copyOf(open.values())) {
                    close(o.cancel(CloseReason.CASE_CLOSED, event.date(), event.id()));
                }
            }
            // A closed case gathers no new obligations until it is opened again; its closure rules still run.
            boolean closedBefore = before.isClosed() && event.type() != EventType.CASE_OPENED;
            if (closedBefore) {
                return;
            }
            RuleContext context = context(before);
            for (Rule rule : policy.rulesOn(event.type())) {
                if (rule.when().holds(context)) {
                    applyRule(rule, null);
                }
            }
        }

        private RuleContext context(CaseFacts before) {
            return new RuleContext(event, before.planStart(), before.lastReviewOn(), facts.planType(),
                    facts.longTermSupport(), openKinds());
        }

        private CaseFacts updatedFacts(CaseFacts f) {
            LocalDate day = event.date();
            return switch (event.type()) {
                case CASE_OPENED -> {
                    PlanType type = event.data().enumValue("planType", PlanType.class);
                    boolean lts = event.data().bool("longTermSupport");
                    yield f.isClosed() ? f.newEpisode(type, lts, day) : f.opened(type, lts, day);
                }
                case CASE_TRANSFERRED -> f.withTeam(event.data().string("toTeam"));
                case PLANNING_MEETING_HELD -> f.planningMeetingOn(day);
                case VISIT_COMPLETED -> f.visitOn(day, event.data().bool("childSeenAlone"));
                case PLAN_TYPE_CHANGED -> f.withPlanType(event.data().enumValue("planType", PlanType.class));
                // Step-downs leave the child on a child in need plan.
                case CHILD_PROTECTION_PLAN_ENDED -> f.planType() == PlanType.CHILD_PROTECTION
                        ? f.withPlanType(PlanType.CHILD_IN_NEED) : f;
                case CARE_ORDER_DISCHARGED, CHILD_RETURNED_HOME, SUPERVISION_ORDER_MADE ->
                        f.planType() == PlanType.LOOKED_AFTER ? f.withPlanType(PlanType.CHILD_IN_NEED) : f;
                case CASE_CLOSED -> f.closed(day);
                default -> f;
            };
        }

        private void fulfil(CaseFacts before) {
            // A task completed for a per-meeting record kind closes one meeting's duty, the oldest: never all of them.
            Optional<Obligation> oldestRecordDuty = event.type() == EventType.TASK_COMPLETED
                    ? recordKindNamed().flatMap(kind -> RecordDuties.oldestOpen(open.values(), kind))
                    : Optional.empty();
            for (Obligation o : List.copyOf(open.values())) {
                if (o.kind().perMeetingRecord() && oldestRecordDuty.map(oldest -> !oldest.id().equals(o.id())).orElse(false)) {
                    continue;
                }
                if (Fulfilment.fulfils(event, o, before)) {
                    close(o.complete(event.date(), event.id()));
                    if (Fulfilment.isSeeChildAlone(o.kind())) {
                        facts = facts.seenAloneSatisfied();
                    }
                }
            }
        }

        /** The per-meeting record kind a {@code cin.task.completed} names, if it names one. */
        private Optional<ObligationKind> recordKindNamed() {
            return event.data().optString("kind").map(ObligationKind::valueOf).filter(ObligationKind::perMeetingRecord);
        }

        private void applyRule(Rule rule, Obligation leader) {
            if (!rule.opens()) {
                for (ObligationKind kind : rule.cancel()) {
                    openAll(kind).forEach(o -> cancelWithFollowers(o, CloseReason.VOID));
                }
                return;
            }
            // A record distribution belongs to its meeting: a later meeting's duty never replaces one still open.
            Optional<Obligation> existing = rule.open().perMeetingRecord() ? Optional.empty() : openOf(rule.open());
            Due due = due(rule, leader);
            if (rule.bringForward() && existing.isPresent()) {
                LocalDate current = existing.get().dueDate();
                if (current != null && !current.isAfter(due.date())) {
                    return; // the current due date is already sooner
                }
            }
            if (Fulfilment.isSeeChildAlone(rule.open()) && existing.isEmpty() && facts.seenAloneThisCycle()) {
                return; // already satisfied in this review cycle
            }
            existing.ifPresent(o -> close(o.cancel(CloseReason.SUPERSEDED, event.date(), event.id())));
            Obligation created = create(rule, due, leader);
            if (Fulfilment.isSeeChildAlone(rule.open()) && facts.childSeenAloneSinceLastReview()) {
                // P9: a visit with the child seen alone since the last review already satisfies it.
                close(created.complete(facts.lastChildSeenAloneOn(), event.id()));
                facts = facts.seenAloneSatisfied();
            } else {
                open.put(created.id(), created);
                changed.put(created.id(), created);
                for (Rule follower : policy.rulesFollowing(created.kind())) {
                    if (follower.when().holds(context(state.facts()))) {
                        applyRule(follower, created);
                    }
                }
            }
        }

        private Obligation create(Rule rule, Due due, Obligation leader) {
            Role ownerRole = rule.open().defaultOwner();
            String owner = currentHolder(ownerRole);
            String seed = event.source() + "\n" + event.id() + "\n" + rule.key()
                    + (leader == null ? "" : "\n" + leader.id());
            UUID id = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
            LocalDate goodPractice = rule.goodPractice() == null ? null
                    : rule.goodPractice().after(anchor(rule.due().anchor() == null ? DueAnchor.EVENT_DATE : rule.due().anchor()), calendar);
            return new Obligation(id, state.ref(), rule.open(), rule.id(), due.date(), ObligationStatus.OPEN,
                    ownerRole, owner, event.key(), event.date(), due.cappedAgreement(), due.breach(), goodPractice,
                    null, null, null, RecordDuties.recordFor(rule.open(), event.type()), policy.version(),
                    basis(rule, due.date(), leader));
        }

        /** What the due date was computed from, kept so that a change of calendar can compute it again. */
        private DueBasis basis(Rule rule, LocalDate dueDate, Obligation leader) {
            DueRule d = rule.due();
            String fingerprint = calendar.fingerprint();
            boolean beyond = calendar.beyondCoverage(dueDate);
            if (d.noDeadline()) {
                return new DueBasis(rule.key(), null, null, null, fingerprint, false);
            }
            if (d.sameAsLeader()) {
                DueBasis led = leader.dueBasis();
                return led == null ? new DueBasis(rule.key(), null, null, null, fingerprint, beyond)
                        : new DueBasis(rule.key(), led.dueRuleKey(), led.from(), led.agreed(), fingerprint, beyond);
            }
            LocalDate agreed = agreedGiven(d);
            return new DueBasis(rule.key(), rule.key(), d.agreedOnly() ? null : anchor(d.anchor()), agreed, fingerprint, beyond);
        }

        private LocalDate agreedGiven(DueRule d) {
            return d.agreedField() == null ? null : event.data().optDate(d.agreedField()).orElse(null);
        }

        private Due due(Rule rule, Obligation leader) {
            DueRule d = rule.due();
            if (d.noDeadline()) {
                return new Due(null, null, false);
            }
            if (d.sameAsLeader()) {
                return new Due(leader.dueDate(), null, false);
            }
            LocalDate agreed = agreedGiven(d);
            if (d.agreedOnly() && agreed == null) {
                throw new java.util.NoSuchElementException("no " + d.agreedField() + " on " + event.type());
            }
            return DueDates.of(d, calendar, d.agreedOnly() ? null : anchor(d.anchor()), agreed, event.date());
        }

        private LocalDate anchor(DueAnchor anchor) {
            return switch (anchor) {
                case EVENT_DATE -> event.date();
                case PLAN_START -> facts.planStart() != null ? facts.planStart() : event.date();
                case LAST_VISIT -> facts.lastVisitOn() != null ? facts.lastVisitOn() : event.date();
            };
        }

        private void cancelWithFollowers(Obligation o, CloseReason reason) {
            close(o.cancel(reason, event.date(), event.id()));
            for (Rule follower : policy.rulesFollowing(o.kind())) {
                openOf(follower.open()).ifPresent(f -> close(f.cancel(reason, event.date(), event.id())));
            }
        }

        private void reassignOwners() {
            for (Obligation o : List.copyOf(open.values())) {
                String holder = currentHolder(o.ownerRole());
                if (!java.util.Objects.equals(holder, o.ownerParticipantId())) {
                    Obligation moved = o.withOwner(holder);
                    open.put(moved.id(), moved);
                    changed.put(moved.id(), moved);
                }
            }
        }

        private String currentHolder(Role role) {
            String found = null;
            for (Participant p : participants.values()) {
                if (p.role() == role) {
                    found = p.id();
                }
            }
            return found;
        }

        private void close(Obligation closed) {
            open.remove(closed.id());
            changed.put(closed.id(), closed);
        }

        private Optional<Obligation> openOf(ObligationKind kind) {
            return open.values().stream().filter(o -> o.kind() == kind).findFirst();
        }

        private List<Obligation> openAll(ObligationKind kind) {
            return open.values().stream().filter(o -> o.kind() == kind).toList();
        }

        private Set<ObligationKind> openKinds() {
            Set<ObligationKind> kinds = EnumSet.noneOf(ObligationKind.class);
            open.values().forEach(o -> kinds.add(o.kind()));
            return kinds;
        }
    }
}
