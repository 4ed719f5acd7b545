package cin.reminders.domain.policy;

import cin.reminders.domain.event.EventType;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A policy's rules in plain words, for the council's policy officer to read back what the service will do
 * ("Derbyshire D1: when a review is held and the child is not on longer-term support, the next plan review is due
 * 6 weeks later, or on the agreed date (nextReviewDate) if sooner."). One sentence per row of the file: a row whose
 * {@code on:} lists several event types is one sentence naming them all.
 */
public final class RuleWording {

    private RuleWording() {
    }

    /** Every rule row, then every distribution row, one sentence each, in the file's order. */
    public static List<String> describe(Policy policy) {
        List<String> lines = new ArrayList<>();
        Map<Integer, List<Rule>> rows = new LinkedHashMap<>();
        policy.rules().forEach(r -> rows.computeIfAbsent(r.row(), k -> new ArrayList<>()).add(r));
        rows.values().forEach(row -> lines.add(rule(policy, row)));
        List<List<Distribution>> groups = new ArrayList<>();
        for (Distribution d : policy.distributions()) {
            List<Distribution> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && sameRow(last.get(0), d)) {
                last.add(d);
            } else {
                groups.add(new ArrayList<>(List.of(d)));
            }
        }
        groups.forEach(g -> lines.add(distribution(policy, g)));
        return lines;
    }

    /** One row's sentence: the rules of one row differ only in their event type. */
    public static String rule(Policy policy, List<Rule> row) {
        Rule r = row.get(0);
        StringBuilder s = new StringBuilder(council(policy)).append(' ').append(r.id()).append(": when ");
        if (r.follows() != null) {
            s.append(article(r.follows())).append(" opens");
        } else {
            s.append(or(row.stream().map(x -> happens(x.on())).toList()));
        }
        if (!r.when().words().isEmpty()) {
            s.append(" and ").append(r.when().words());
        }
        s.append(", ");
        if (!r.opens()) {
            s.append(or(r.cancel().stream().map(k -> "any open " + label(k)).toList()));
            s.append(r.cancel().size() == 1 ? " is cancelled" : " are cancelled");
            return s.append('.').toString();
        }
        boolean next = row.stream().allMatch(x -> repeats(x.on(), r.open()));
        String what = next ? "the next " + label(r.open()) : article(r.open());
        s.append(what).append(' ').append(due(r));
        if (r.goodPractice() != null) {
            s.append(" (good practice: within ").append(amount(r.goodPractice())).append(')');
        }
        return s.append('.').toString();
    }

    private static String due(Rule r) {
        DueRule d = r.due();
        if (d.noDeadline()) {
            return "is to be done, with no deadline";
        }
        if (d.sameAsLeader()) {
            return "is due on the same day as the " + label(r.follows());
        }
        if (d.agreedOnly()) {
            return "is due on the date agreed at the meeting (" + d.agreedField() + ")";
        }
        String from = switch (d.anchor() == null ? DueAnchor.EVENT_DATE : d.anchor()) {
            case EVENT_DATE -> " later";
            case PLAN_START -> " after the plan started (the first planning meeting)";
            case LAST_VISIT -> " after the last visit";
        };
        String words = "is due " + amount(d.interval()) + from;
        if (d.agreedField() != null) {
            words += ", or on the agreed date (" + d.agreedField() + ") if sooner";
        }
        if (r.bringForward()) {
            words += ", bringing an open one forward if that is sooner";
        }
        return words;
    }

    /** One distribution row's sentence. */
    public static String distribution(Policy policy, List<Distribution> row) {
        Distribution d = row.get(0);
        StringBuilder s = new StringBuilder(council(policy)).append(' ').append(d.id()).append(": when ")
                .append(or(row.stream().map(x -> happens(x.on())).toList()));
        if (!d.record().isEmpty()) {
            s.append(" (").append(or(d.record().stream().sorted()
                    .map(k -> k.toLowerCase(Locale.ROOT).replace('_', ' ')).toList())).append(" records)");
        }
        s.append(", ").append(d.template()).append(" goes to ")
                .append(and(d.roles().stream().map(role -> roleWords(role, policy)).toList()));
        if (policy.letters().enabled()) {
            s.append(" (by post, ").append(policy.letters().postage().code())
                    .append(" class, to those who cannot be reached otherwise)");
        }
        return s.append('.').toString();
    }

    private static boolean sameRow(Distribution a, Distribution b) {
        return a.id().equals(b.id()) && a.template().equals(b.template()) && a.record().equals(b.record())
                && a.roles().equals(b.roles());
    }

    /** "Derbyshire" from {@code derbyshire}. */
    static String council(Policy policy) {
        return java.util.Arrays.stream(policy.authority().split("-"))
                .map(w -> w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(Collectors.joining(" "));
    }

    /** The event as something that happens: "a review is held". */
    public static String happens(EventType type) {
        return switch (type) {
            case CASE_OPENED -> "a case is opened";
            case CASE_TRANSFERRED -> "a case is transferred";
            case ASSESSMENT_COMPLETED -> "an assessment is completed";
            case INITIAL_PLAN_CREATED -> "an initial plan is made";
            case PLANNING_MEETING_HELD -> "a planning meeting is held";
            case PLAN_PUBLISHED -> "a plan is published";
            case REVIEW_HELD -> "a review is held";
            case RECORD_PUBLISHED -> "a record is published";
            case VISIT_COMPLETED -> "a home visit is made";
            case CARE_TEAM_MEETING_HELD -> "the care team meets";
            case MEETING_SCHEDULED -> "a meeting is arranged";
            case CIRCUMSTANCES_CHANGED -> "the family's circumstances change";
            case PLAN_TYPE_CHANGED -> "the plan type changes";
            case CHILD_PROTECTION_PLAN_ENDED -> "a child protection plan ends";
            case CARE_ORDER_DISCHARGED -> "a care order is discharged";
            case CHILD_RETURNED_HOME -> "the child returns home";
            case SUPERVISION_ORDER_MADE -> "a supervision order is made";
            case WORKING_AGREEMENT_SIGNED -> "a working agreement is signed";
            case TASK_COMPLETED -> "a task is done";
            case CASE_CLOSED -> "the case is closed";
            case PARTICIPANT_UPSERTED -> "a participant is added or changed";
            case PARTICIPANT_REMOVED -> "a participant is removed";
        };
    }

    /** The obligation as a task: "a plan review", "sending the plan". */
    static String article(ObligationKind kind) {
        return switch (kind) {
            case INITIAL_PLAN -> "an initial plan";
            case PLANNING_MEETING -> "a planning meeting";
            case PLAN_COMPLETION -> "completing the plan on the record";
            case PLAN_DISTRIBUTION -> "sending the plan";
            case OUTLINE_PLAN_DISTRIBUTION -> "sending the outline plan";
            case MEETING_RECORD_DISTRIBUTION -> "sending the meeting record";
            case CARE_TEAM_MEETING -> "a care team meeting";
            case HOME_VISIT -> "a home visit";
            case SEE_CHILD_ALONE -> "seeing the child alone";
            case PLAN_REVIEW -> "a plan review";
            case FORMAL_REVIEW -> "a formal review";
            case REVIEW_RECORD_DISTRIBUTION -> "sending the review record";
            case LEGAL_ADVICE -> "offering legal advice";
            case CLOSURE_NOTIFICATION -> "sending notice of the closure";
            case TEAM_TRANSFER -> "deciding on a transfer to another team";
        };
    }

    private static String label(ObligationKind kind) {
        return kind.label().toLowerCase(Locale.ROOT);
    }

    /** The event is itself one of the obligation's kind, so the rule sets the next one. */
    private static boolean repeats(EventType on, ObligationKind kind) {
        return switch (kind) {
            case PLAN_REVIEW, FORMAL_REVIEW -> on == EventType.REVIEW_HELD;
            case CARE_TEAM_MEETING -> on == EventType.CARE_TEAM_MEETING_HELD;
            case HOME_VISIT -> on == EventType.VISIT_COMPLETED;
            default -> false;
        };
    }

    private static String amount(Interval interval) {
        String unit = interval.unit().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return interval.amount() + " " + (interval.amount() == 1 ? unit.substring(0, unit.length() - 1) : unit);
    }

    private static String roleWords(Role role, Policy policy) {
        return switch (role) {
            case CHILD -> "the child (from age " + policy.childCopyMinAge() + ")";
            case PARENT -> "the parents";
            case CARER -> "the carers";
            case LEAD_PROFESSIONAL -> "the lead professional";
            case TEAM_MANAGER -> "the team manager";
            case AGENCY -> "the agencies";
        };
    }

    private static String or(List<String> items) {
        return join(items, " or ");
    }

    private static String and(List<String> items) {
        return join(items, " and ");
    }

    private static String join(List<String> items, String last) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }
}
