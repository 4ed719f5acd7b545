package cin.reminders.domain.policy;

import cin.reminders.domain.calendar.CalendarRegion;
import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.event.EventType;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.PlanType;
import cin.reminders.domain.model.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one council's policy file (YAML) and checks every row, so that a broken file stops
 * start-up with a message naming the file and the rule rather than misbehaving later.
 */
public final class PolicyLoader {

    /** Fields of event data that carry a date agreed at a meeting. */
    static final Set<String> AGREED_FIELDS = Set.of("firstReviewDate", "nextReviewDate", "nextMeeting.date");
    private static final Set<String> CONDITION_KEYS = Set.of(
            "firstPlanningMeeting", "noReviewHeld", "longTermSupport", "noOpen", "planTypeIn", "planTypeNotIn",
            "data", "present", "anyOf");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public Policy load(String file, InputStream in, Set<LocalDate> extraClosures) {
        return load(file, in, authority -> extraClosures);
    }

    /**
     * @param file the file's name, for messages
     * @param extraClosures closure days from configuration for an authority, added to those in its file
     */
    public Policy load(String file, InputStream in, Function<String, Set<LocalDate>> extraClosures) {
        JsonNode root;
        try {
            root = yaml.readTree(in);
        } catch (IOException e) {
            throw new PolicyException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PolicyException(file + ": must be a YAML mapping");
        }
        Where where = new Where(file, null);
        String authority = text(root, "authority", where, true);
        if (!authority.matches("[a-z0-9-]+")) {
            throw where.error("authority must be lower-case letters, digits or '-'");
        }
        String name = text(root, "name", where, true);
        String source = text(root, "source", where, false);
        WorkingCalendar calendar = calendar(root.get("calendar"), where, extraClosures.apply(authority));
        int childCopyMinAge = root.has("childCopyMinAge") ? integer(root, "childCopyMinAge", where) : 12;
        ReminderPolicy reminders = reminders(root.get("reminders"), where);
        List<Rule> rules = rules(root.get("rules"), file);
        List<Distribution> distributions = distributions(root.get("distributions"), file);
        SchoolHours schoolHours = schoolHours(root.get("schoolHours"), where);
        Letters letters = letters(root.get("letters"), where);
        return new Policy(authority, name, source, calendar, childCopyMinAge, reminders, rules, distributions, schoolHours,
                letters);
    }

    private WorkingCalendar calendar(JsonNode node, Where where, Set<LocalDate> extraClosures) {
        CalendarRegion region = CalendarRegion.ENGLAND_AND_WALES;
        Set<LocalDate> closures = new HashSet<>(extraClosures);
        if (node != null) {
            if (node.has("region")) {
                region = enumValue(CalendarRegion.class, node.get("region").asText(), "calendar.region", where);
            }
            if (node.has("closures")) {
                for (JsonNode d : node.get("closures")) {
                    try {
                        closures.add(LocalDate.parse(d.asText()));
                    } catch (DateTimeParseException e) {
                        throw where.error("calendar.closures: '" + d.asText() + "' is not an ISO date");
                    }
                }
            }
        }
        return WorkingCalendar.of(region, closures);
    }

    private static SchoolHours schoolHours(JsonNode node, Where where) {
        if (node == null) {
            return null;
        }
        try {
            return new SchoolHours(LocalTime.parse(node.path("from").asText("09:00")),
                    LocalTime.parse(node.path("to").asText("15:30")),
                    node.path("ages").path("from").asInt(5), node.path("ages").path("to").asInt(16));
        } catch (DateTimeParseException e) {
            throw where.error("schoolHours.from and .to must be times of day (HH:mm)");
        }
    }

    /** {@code letters: {enabled: true, postage: second, minWorkingDaysBeforeMeeting: 3}}; absent, letters are off. */
    private static Letters letters(JsonNode node, Where where) {
        if (node == null || node.isNull()) {
            return Letters.off();
        }
        if (!node.isObject()) {
            throw where.error("letters must be a mapping: {enabled: true, postage: second}");
        }
        JsonNode enabled = node.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            throw where.error("letters.enabled must be true or false");
        }
        Postage postage = Postage.SECOND;
        if (node.has("postage")) {
            String given = node.get("postage").asText();
            postage = java.util.Arrays.stream(Postage.values()).filter(p -> p.code().equals(given)).findFirst()
                    .orElseThrow(() -> where.error("letters.postage must be first, second or economy"));
        }
        int minDays = Letters.DEFAULT_MIN_WORKING_DAYS_BEFORE_MEETING;
        if (node.has("minWorkingDaysBeforeMeeting")) {
            JsonNode days = node.get("minWorkingDaysBeforeMeeting");
            if (!days.canConvertToInt() || !days.isIntegralNumber() || days.asInt() < 0) {
                throw where.error("letters.minWorkingDaysBeforeMeeting must be a whole number of working days, 0 or more");
            }
            minDays = days.asInt();
        }
        return new Letters(enabled != null && enabled.asBoolean(), postage, minDays);
    }

    private ReminderPolicy reminders(JsonNode node, Where where) {
        ReminderPolicy standard = ReminderPolicy.standard();
        if (node == null) {
            return standard;
        }
        List<Integer> before = standard.workingDaysBefore();
        if (node.has("workingDaysBefore")) {
            before = new ArrayList<>();
            for (JsonNode n : node.get("workingDaysBefore")) {
                if (!n.canConvertToInt() || n.asInt() < 0) {
                    throw where.error("reminders.workingDaysBefore must be whole numbers >= 0");
                }
                before.add(n.asInt());
            }
            before.sort((a, b) -> b - a);
        }
        LocalTime at = standard.at();
        if (node.has("at")) {
            try {
                at = LocalTime.parse(node.get("at").asText());
            } catch (DateTimeParseException e) {
                throw where.error("reminders.at must be a time of day (HH:mm)");
            }
        }
        int every = node.has("escalateEvery") ? integer(node, "escalateEvery", where) : standard.escalateEvery();
        if (every < 1) {
            throw where.error("reminders.escalateEvery must be at least 1");
        }
        return new ReminderPolicy(List.copyOf(before), at, every);
    }

    private List<Rule> rules(JsonNode node, String file) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new PolicyException(file + ": needs a non-empty list of rules");
        }
        List<Rule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode r : node) {
            index++;
            String id = r.hasNonNull("id") ? r.get("id").asText() : "#" + index;
            rules.add(rule(r, new Where(file, id + " (row " + index + ")"), id, index));
        }
        return List.copyOf(rules);
    }

    private Rule rule(JsonNode r, Where where, String id, int index) {
        checkKeys(r, Set.of("id", "description", "on", "follows", "when", "open", "due", "bringForward", "cancel",
                "goodPractice"), where);
        text(r, "id", where, true);
        EventType on = null;
        ObligationKind follows = null;
        if (r.has("on") == r.has("follows")) {
            throw where.error("needs exactly one of 'on' (an event type) or 'follows' (an obligation kind)");
        }
        if (r.has("on")) {
            String type = r.get("on").asText();
            on = EventType.fromType(type).orElseThrow(() -> where.error("unknown event type '" + type + "' in 'on'"));
        } else {
            follows = enumValue(ObligationKind.class, r.get("follows").asText(), "follows", where);
        }
        Condition when = r.has("when") ? condition(r.get("when"), where) : Condition.ALWAYS;
        ObligationKind open = r.has("open") ? enumValue(ObligationKind.class, r.get("open").asText(), "open", where) : null;
        List<ObligationKind> cancel = new ArrayList<>();
        if (r.has("cancel")) {
            for (JsonNode k : r.get("cancel")) {
                cancel.add(enumValue(ObligationKind.class, k.asText(), "cancel", where));
            }
        }
        if ((open == null) == cancel.isEmpty()) {
            throw where.error("needs exactly one of 'open' (a kind to open) or 'cancel' (kinds to cancel)");
        }
        DueRule due = null;
        if (open != null) {
            if (!r.has("due")) {
                throw where.error("opens " + open + " but has no 'due'");
            }
            due = due(r.get("due"), where, on);
            if (due.sameAsLeader() && follows == null) {
                throw where.error("due.sameAsLeader needs 'follows'");
            }
        }
        boolean bringForward = r.has("bringForward") && r.get("bringForward").asBoolean();
        if (bringForward && (due == null || due.interval() == null)) {
            throw where.error("bringForward needs an interval due date");
        }
        Interval goodPractice = r.has("goodPractice") ? interval(r.get("goodPractice"), where, "goodPractice") : null;
        String description = r.hasNonNull("description") ? r.get("description").asText() : "";
        return new Rule(id + "#" + index, id, description, on, follows, when, open, due, bringForward,
                List.copyOf(cancel), goodPractice);
    }

    private DueRule due(JsonNode d, Where where, EventType on) {
        checkKeys(d, Set.of("after", "unit", "from", "agreed", "agreedOnly", "sameAsLeader", "noDeadline"), where);
        if (d.path("noDeadline").asBoolean(false)) {
            return DueRule.ofNone();
        }
        if (d.path("sameAsLeader").asBoolean(false)) {
            return DueRule.ofLeader();
        }
        if (d.has("agreedOnly")) {
            return DueRule.ofAgreed(agreedField(d.get("agreedOnly").asText(), where));
        }
        Interval interval = interval(d, where, "due");
        DueAnchor anchor = d.has("from") ? enumValue(DueAnchor.class, d.get("from").asText(), "due.from", where)
                : DueAnchor.EVENT_DATE;
        String agreed = d.has("agreed") ? agreedField(d.get("agreed").asText(), where) : null;
        return DueRule.ofInterval(interval, anchor, agreed);
    }

    private Interval interval(JsonNode d, Where where, String what) {
        if (!d.has("after") || !d.get("after").canConvertToInt() || d.get("after").asInt() < 1) {
            throw where.error(what + ".after must be a whole number >= 1");
        }
        if (!d.has("unit")) {
            throw where.error(what + ".unit is required (WORKING_DAYS, DAYS, WEEKS or MONTHS)");
        }
        return new Interval(d.get("after").asInt(), enumValue(DueUnit.class, d.get("unit").asText(), what + ".unit", where));
    }

    private static String agreedField(String field, Where where) {
        if (!AGREED_FIELDS.contains(field)) {
            throw where.error("agreed date field must be one of " + AGREED_FIELDS + ", was '" + field + "'");
        }
        return field;
    }

    private Condition condition(JsonNode when, Where where) {
        if (!when.isObject()) {
            throw where.error("'when' must be a mapping of conditions");
        }
        Condition result = Condition.ALWAYS;
        for (Iterator<Map.Entry<String, JsonNode>> it = when.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (!CONDITION_KEYS.contains(key)) {
                throw where.error("unknown condition '" + key + "'; known: " + CONDITION_KEYS);
            }
            Condition c = switch (key) {
                case "firstPlanningMeeting" -> {
                    boolean want = bool(v, key, where);
                    yield ctx -> (ctx.planStartBefore() == null) == want;
                }
                case "noReviewHeld" -> {
                    boolean want = bool(v, key, where);
                    yield ctx -> (ctx.lastReviewBefore() == null) == want;
                }
                case "longTermSupport" -> {
                    boolean want = bool(v, key, where);
                    yield ctx -> ctx.longTermSupport() == want;
                }
                case "noOpen" -> {
                    ObligationKind kind = enumValue(ObligationKind.class, v.asText(), key, where);
                    yield ctx -> !ctx.openKinds().contains(kind);
                }
                case "planTypeIn" -> {
                    Set<PlanType> types = planTypes(v, key, where);
                    yield ctx -> types.contains(ctx.planType());
                }
                case "planTypeNotIn" -> {
                    Set<PlanType> types = planTypes(v, key, where);
                    yield ctx -> !types.contains(ctx.planType());
                }
                case "data" -> dataCondition(v, where);
                case "present" -> {
                    List<String> fields = new ArrayList<>();
                    v.forEach(f -> fields.add(f.asText()));
                    yield ctx -> fields.stream().allMatch(f -> ctx.event().data().has(f));
                }
                case "anyOf" -> {
                    if (!v.isArray() || v.isEmpty()) {
                        throw where.error("anyOf must be a non-empty list of condition mappings");
                    }
                    List<Condition> options = new ArrayList<>();
                    v.forEach(o -> options.add(condition(o, where)));
                    yield ctx -> options.stream().anyMatch(o -> o.holds(ctx));
                }
                default -> throw where.error("unknown condition '" + key + "'");
            };
            result = result.and(c);
        }
        return result;
    }

    private static Condition dataCondition(JsonNode v, Where where) {
        if (!v.isObject()) {
            throw where.error("'data' must map event data fields to the values they must have");
        }
        Condition result = Condition.ALWAYS;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode expected = e.getValue();
            Condition c;
            if (expected.isBoolean()) {
                boolean want = expected.asBoolean();
                c = ctx -> ctx.event().data().bool(field) == want; // an absent flag reads false
            } else {
                String want = expected.asText();
                c = ctx -> ctx.event().data().optString(field).map(want::equals).orElse(false);
            }
            result = result.and(c);
        }
        return result;
    }

    private List<Distribution> distributions(JsonNode node, String file) {
        List<Distribution> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        int index = 0;
        for (JsonNode d : node) {
            index++;
            String id = d.hasNonNull("id") ? d.get("id").asText() : "#" + index;
            Where where = new Where(file, "distribution " + id + " (row " + index + ")");
            checkKeys(d, Set.of("id", "description", "on", "record", "template", "roles"), where);
            String type = text(d, "on", where, true);
            EventType on = EventType.fromType(type).orElseThrow(() -> where.error("unknown event type '" + type + "'"));
            Set<String> records = new LinkedHashSet<>();
            if (d.has("record")) {
                d.get("record").forEach(x -> records.add(x.asText()));
            }
            String template = text(d, "template", where, true);
            List<Role> roles = new ArrayList<>();
            if (!d.has("roles") || d.get("roles").isEmpty()) {
                throw where.error("needs a non-empty list of roles");
            }
            for (JsonNode role : d.get("roles")) {
                roles.add(enumValue(Role.class, role.asText(), "roles", where));
            }
            out.add(new Distribution(id, on, Set.copyOf(records), template, List.copyOf(roles)));
        }
        return List.copyOf(out);
    }

    private static Set<PlanType> planTypes(JsonNode v, String key, Where where) {
        Set<PlanType> types = EnumSet.noneOf(PlanType.class);
        if (!v.isArray()) {
            throw where.error(key + " must be a list of plan types");
        }
        v.forEach(t -> types.add(enumValue(PlanType.class, t.asText(), key, where)));
        return types;
    }

    private static boolean bool(JsonNode v, String key, Where where) {
        if (!v.isBoolean()) {
            throw where.error(key + " must be true or false");
        }
        return v.asBoolean();
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, Where where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw where.error("unknown field '" + key + "'; allowed: " + allowed);
            }
        }
    }

    private static String text(JsonNode node, String field, Where where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            if (required) {
                throw where.error("'" + field + "' is required");
            }
            return null;
        }
        return v.asText();
    }

    private static int integer(JsonNode node, String field, Where where) {
        JsonNode v = node.get(field);
        if (!v.canConvertToInt()) {
            throw where.error(field + " must be a whole number");
        }
        return v.asInt();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field, Where where) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw where.error(field + ": unknown value '" + value + "'");
        }
    }

    /** Where in which file a problem is, for messages. */
    private record Where(String file, String rule) {
        PolicyException error(String message) {
            return new PolicyException(file + (rule == null ? "" : ", rule " + rule) + ": " + message);
        }
    }
}
