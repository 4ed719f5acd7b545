package cin.reminders.domain.policy;

import cin.reminders.domain.calendar.BankHolidayFile;
import cin.reminders.domain.calendar.CalendarRegion;
import cin.reminders.domain.calendar.WorkingCalendar;
import cin.reminders.domain.event.AgreedDate;
import cin.reminders.domain.event.EventType;
import cin.reminders.domain.event.FieldSpec;
import cin.reminders.domain.event.FieldType;
import cin.reminders.domain.model.ObligationKind;
import cin.reminders.domain.model.PlanType;
import cin.reminders.domain.model.RecordKind;
import cin.reminders.domain.model.Role;
import cin.reminders.domain.notice.NoticeTemplate;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads one council's policy file (YAML) and checks every row, so that a broken file stops start-up with a
 * message naming the file and the rule rather than misbehaving later.
 * <p>
 * The format is strict (docs/policy.schema.json describes it): a key the format does not know is refused at every
 * level, rather than read as absent, so a misspelled {@code tempalte} or {@code workingDaysBefor} is an error, not
 * a silent default. Every mistake in a file is reported, not just the first: the {@link PolicyException} holds one
 * line per mistake, each naming the file, the rule (or the place outside the rules) and the key.
 */
public final class PolicyLoader {

    /** Fields of event data that carry a date agreed at a meeting: the event reader's list. */
    static final List<String> AGREED_FIELDS = AgreedDate.FIELDS;

    static final Set<String> ROOT_KEYS = keys("authority", "name", "source", "version", "effectiveFrom", "calendar",
            "childCopyMinAge", "letters", "reminders", "rules", "distributions", "schoolHours");
    static final Set<String> CALENDAR_KEYS = keys("region", "closures", "bankHolidays");
    static final Set<String> REMINDER_KEYS = keys("workingDaysBefore", "at", "escalateEvery", "settle", "delivery");
    static final Set<String> SCHOOL_HOURS_KEYS = keys("from", "to", "ages");
    static final Set<String> AGES_KEYS = keys("from", "to");
    static final Set<String> LETTERS_KEYS = keys("enabled", "postage", "minWorkingDaysBeforeMeeting");
    static final Set<String> RULE_KEYS = keys("id", "description", "on", "follows", "when", "open", "due",
            "bringForward", "cancel", "goodPractice");
    static final Set<String> DUE_KEYS = keys("after", "unit", "from", "agreed", "agreedOnly", "sameAsLeader",
            "noDeadline");
    static final Set<String> INTERVAL_KEYS = keys("after", "unit");
    static final Set<String> DISTRIBUTION_KEYS = keys("id", "description", "on", "record", "template", "roles");
    static final Set<String> CONDITION_KEYS = keys("firstPlanningMeeting", "noReviewHeld", "longTermSupport",
            "noOpen", "planTypeIn", "planTypeNotIn", "data", "present", "anyOf");

    private static final Set<String> ALL_KEYS = Stream.of(ROOT_KEYS, CALENDAR_KEYS, REMINDER_KEYS, SCHOOL_HOURS_KEYS,
            AGES_KEYS, LETTERS_KEYS, RULE_KEYS, DUE_KEYS, INTERVAL_KEYS, DISTRIBUTION_KEYS, CONDITION_KEYS)
            .flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final NearbyFiles nearby;

    /** Policy files on disk (a bank-holiday file is looked for beside the policy file). */
    public PolicyLoader() {
        this(NearbyFiles.FILESYSTEM);
    }

    /** @param nearby where the files a policy names ({@code calendar.bankHolidays}) are found */
    public PolicyLoader(NearbyFiles nearby) {
        this.nearby = nearby;
    }

    public Policy load(String file, InputStream in, Set<LocalDate> extraClosures) {
        return load(file, in, authority -> extraClosures);
    }

    /**
     * @param file the file's name, for messages
     * @param extraClosures closure days from configuration for an authority, added to those in its file
     * @throws PolicyException listing every mistake in the file, one per line
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
        Problems problems = new Problems(file);
        Where where = new Where(problems, null);
        checkKeys(root, ROOT_KEYS, "", where);
        String authority = section(where, () -> {
            String a = text(root, "authority", where, true);
            if (a == null || !a.matches("[a-z0-9-]+")) {
                throw where.error("authority must be lower-case letters, digits or '-'");
            }
            return a;
        }, "");
        String name = section(where, () -> text(root, "name", where, true), "");
        String source = section(where, () -> text(root, "source", where, false), null);
        String version = section(where, () -> {
            String v = text(root, "version", where, false);
            return v == null ? Policy.DEFAULT_VERSION : v.strip();
        }, Policy.DEFAULT_VERSION);
        LocalDate effectiveFrom = section(where, () -> effectiveFrom(root.get("effectiveFrom"), where), null);
        WorkingCalendar calendar = section(where,
                () -> calendar(file, root.get("calendar"), where, extraClosures.apply(authority)), null);
        int childCopyMinAge = section(where,
                () -> root.has("childCopyMinAge") ? integer(root, "childCopyMinAge", where) : 12, 12);
        ReminderPolicy reminders = section(where, () -> reminders(root.get("reminders"), where), null);
        List<Rule> rules = rules(root.get("rules"), problems);
        List<Distribution> distributions = distributions(root.get("distributions"), problems);
        SchoolHours schoolHours = section(where, () -> schoolHours(root.get("schoolHours"), where), null);
        Letters letters = section(where, () -> letters(root.get("letters"), where), null);
        if (!problems.lines.isEmpty()) {
            throw new PolicyException(problems.lines);
        }
        return new Policy(authority, name, source, calendar, childCopyMinAge, reminders, rules, distributions, schoolHours,
                letters, version, effectiveFrom, file);
    }

    /** {@code effectiveFrom: 2026-06-01}: the first day this version judges events; absent, from the beginning. */
    private static LocalDate effectiveFrom(JsonNode node, Where where) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw where.error("effectiveFrom: '" + node.asText() + "' is not an ISO date (yyyy-MM-dd)");
        }
    }

    private WorkingCalendar calendar(String file, JsonNode node, Where where, Set<LocalDate> extraClosures) {
        CalendarRegion region = CalendarRegion.ENGLAND_AND_WALES;
        Set<LocalDate> closures = new HashSet<>(extraClosures);
        Optional<BankHolidayFile> bankHolidays = Optional.empty();
        if (node != null && !node.isNull()) {
            mapping(node, "calendar", where);
            checkKeys(node, CALENDAR_KEYS, "calendar.", where);
            if (node.has("region")) {
                region = enumValue(CalendarRegion.class, node.get("region").asText(), "calendar.region", where);
            }
            if (node.has("closures")) {
                JsonNode list = node.get("closures");
                if (!list.isArray()) {
                    throw where.error("calendar.closures must be a list of ISO dates (yyyy-MM-dd)");
                }
                for (JsonNode d : list) {
                    try {
                        closures.add(LocalDate.parse(d.asText()));
                    } catch (DateTimeParseException e) {
                        where.report("calendar.closures: '" + d.asText() + "' is not an ISO date (yyyy-MM-dd)");
                    }
                }
            }
            if (node.has("bankHolidays")) {
                bankHolidays = bankHolidayFile(file, node.get("bankHolidays"), region, where);
            }
        }
        return WorkingCalendar.of(region, closures, bankHolidays);
    }

    /** {@code calendar.bankHolidays: bank-holidays.json}: a file in gov.uk's shape, beside the policy file. */
    private Optional<BankHolidayFile> bankHolidayFile(String file, JsonNode node, CalendarRegion region, Where where) {
        if (!node.isTextual() || node.asText().isBlank()) {
            where.report("calendar.bankHolidays must name a file in gov.uk's bank-holidays.json shape, beside the policy file");
            return Optional.empty();
        }
        String name = node.asText();
        try (InputStream in = nearby.open(file, name)) {
            return Optional.of(BankHolidayFile.read(in, region));
        } catch (IOException e) {
            where.report("calendar.bankHolidays: cannot read '" + name + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            where.report("calendar.bankHolidays: '" + name + "' " + e.getMessage());
        }
        return Optional.empty();
    }

    private static SchoolHours schoolHours(JsonNode node, Where where) {
        if (node == null || node.isNull()) {
            return null;
        }
        mapping(node, "schoolHours", where);
        checkKeys(node, SCHOOL_HOURS_KEYS, "schoolHours.", where);
        JsonNode ages = node.path("ages");
        if (!ages.isMissingNode()) {
            mapping(ages, "schoolHours.ages", where);
            checkKeys(ages, AGES_KEYS, "schoolHours.ages.", where);
            for (String end : AGES_KEYS) {
                if (ages.has(end) && !ages.get(end).isIntegralNumber()) {
                    where.report("schoolHours.ages." + end + " must be a whole number (an age in years)");
                }
            }
        }
        try {
            return new SchoolHours(LocalTime.parse(node.path("from").asText("09:00")),
                    LocalTime.parse(node.path("to").asText("15:30")),
                    ages.path("from").asInt(5), ages.path("to").asInt(16));
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
        checkKeys(node, LETTERS_KEYS, "letters.", where);
        JsonNode enabled = node.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            where.report("letters.enabled must be true or false");
        }
        Postage postage = Postage.SECOND;
        if (node.has("postage")) {
            String given = node.get("postage").asText();
            Optional<Postage> known = Arrays.stream(Postage.values()).filter(p -> p.code().equals(given)).findFirst();
            if (known.isEmpty()) {
                where.report("letters.postage must be first, second or economy, was '" + given + "'");
            } else {
                postage = known.get();
            }
        }
        int minDays = Letters.DEFAULT_MIN_WORKING_DAYS_BEFORE_MEETING;
        if (node.has("minWorkingDaysBeforeMeeting")) {
            JsonNode days = node.get("minWorkingDaysBeforeMeeting");
            if (!days.canConvertToInt() || !days.isIntegralNumber() || days.asInt() < 0) {
                where.report("letters.minWorkingDaysBeforeMeeting must be a whole number of working days, 0 or more");
            } else {
                minDays = days.asInt();
            }
        }
        return new Letters(enabled != null && enabled.asBoolean(), postage, minDays);
    }

    private ReminderPolicy reminders(JsonNode node, Where where) {
        ReminderPolicy standard = ReminderPolicy.standard();
        if (node == null || node.isNull()) {
            return standard;
        }
        mapping(node, "reminders", where);
        checkKeys(node, REMINDER_KEYS, "reminders.", where);
        List<Integer> before = standard.workingDaysBefore();
        if (node.has("workingDaysBefore")) {
            before = new ArrayList<>();
            if (!node.get("workingDaysBefore").isArray()) {
                where.report("reminders.workingDaysBefore must be a list of whole numbers >= 0");
            }
            for (JsonNode n : node.get("workingDaysBefore")) {
                if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0) {
                    where.report("reminders.workingDaysBefore must be whole numbers >= 0, was '" + n.asText() + "'");
                } else {
                    before.add(n.asInt());
                }
            }
            before.sort((a, b) -> b - a);
        }
        LocalTime at = standard.at();
        if (node.has("at")) {
            try {
                at = LocalTime.parse(node.get("at").asText());
            } catch (DateTimeParseException e) {
                where.report("reminders.at must be a time of day (HH:mm)");
            }
        }
        int every = standard.escalateEvery();
        if (node.has("escalateEvery")) {
            every = integer(node, "escalateEvery", where);
            if (every < 1) {
                where.report("reminders.escalateEvery must be at least 1");
            }
        }
        java.time.Duration settle = standard.settle();
        if (node.has("settle")) {
            try {
                settle = java.time.Duration.parse(node.get("settle").asText());
                if (settle.isNegative()) {
                    where.report("reminders.settle must not be negative");
                }
            } catch (DateTimeParseException e) {
                where.report("reminders.settle must be an ISO-8601 duration such as PT15M, was '" + node.get("settle").asText() + "'");
            }
        }
        ReminderDelivery delivery = standard.delivery();
        if (node.has("delivery")) {
            String word = node.get("delivery").asText();
            delivery = ReminderDelivery.fromWord(word).orElse(delivery);
            if (ReminderDelivery.fromWord(word).isEmpty()) {
                where.report("reminders.delivery must be each or digest, was '" + word + "'");
            }
        }
        return new ReminderPolicy(List.copyOf(before), at, every, settle, delivery);
    }

    private List<Rule> rules(JsonNode node, Problems problems) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.lines.add(problems.file + ": needs a non-empty list of rules");
            return List.of();
        }
        List<Rule> rules = new ArrayList<>();
        int row = 0;
        for (JsonNode r : node) {
            row++;
            String id = r.hasNonNull("id") ? r.get("id").asText() : "#" + row;
            Where where = new Where(problems, "rule " + id + " (row " + row + ")");
            int number = rules.size() + 1; // numbers the rules as if each event type of an 'on' list had a row
            int thisRow = row;
            rules.addAll(section(where, () -> rule(r, where, id, thisRow, number), List.of()));
        }
        return List.copyOf(rules);
    }

    /** One row: one rule, or one per event type when {@code on:} lists several. */
    private List<Rule> rule(JsonNode r, Where where, String id, int row, int number) {
        if (!r.isObject()) {
            throw where.error("a rule must be a mapping (id, description, on, open, due...)");
        }
        checkKeys(r, RULE_KEYS, "", where);
        section(where, () -> text(r, "id", where, true), null);
        String description = section(where, () -> text(r, "description", where, true), "");
        List<EventType> on = List.of();
        ObligationKind follows = null;
        if (r.has("on") == r.has("follows") && !misspelled(r, "on") && !misspelled(r, "follows")) {
            where.report("needs exactly one of 'on' (an event type, or a list of them) or 'follows' (an obligation kind)");
        }
        if (r.has("on")) {
            on = eventTypes(r.get("on"), where);
        } else if (r.has("follows")) {
            follows = section(where, () -> enumValue(ObligationKind.class, r.get("follows").asText(), "follows", where), null);
        }
        List<EventType> events = on;
        Condition when = r.has("when") ? section(where, () -> condition(r.get("when"), where, events), Condition.ALWAYS)
                : Condition.ALWAYS;
        ObligationKind open = r.has("open")
                ? section(where, () -> enumValue(ObligationKind.class, r.get("open").asText(), "open", where), null)
                : null;
        List<ObligationKind> cancel = new ArrayList<>();
        if (r.has("cancel")) {
            if (!r.get("cancel").isArray()) {
                where.report("cancel must be a list of obligation kinds");
            }
            for (JsonNode k : r.get("cancel")) {
                ObligationKind kind = section(where, () -> enumValue(ObligationKind.class, k.asText(), "cancel", where), null);
                if (kind != null) {
                    cancel.add(kind);
                }
            }
        }
        if (r.has("open") == r.has("cancel") && !misspelled(r, "open") && !misspelled(r, "cancel")) {
            where.report("needs exactly one of 'open' (a kind to open) or 'cancel' (kinds to cancel)");
        }
        DueRule due = null;
        if (r.has("open")) {
            if (!r.has("due")) {
                if (!misspelled(r, "due")) {
                    where.report("opens " + r.get("open").asText() + " but has no 'due'");
                }
            } else {
                ObligationKind leading = follows;
                due = section(where, () -> due(r.get("due"), where, events, leading), null);
            }
        } else if (r.has("due")) {
            where.report("'due' needs 'open': a rule that cancels sets no due date");
        }
        boolean bringForward = false;
        if (r.has("bringForward")) {
            bringForward = section(where, () -> bool(r.get("bringForward"), "bringForward", where), false);
            if (bringForward && due != null && due.interval() == null) {
                where.report("bringForward needs an interval due date (due: {after, unit})");
            }
        }
        Interval goodPractice = null;
        if (r.has("goodPractice")) {
            JsonNode g = r.get("goodPractice");
            goodPractice = section(where, () -> {
                mapping(g, "goodPractice", where);
                checkKeys(g, INTERVAL_KEYS, "goodPractice.", where);
                return interval(g, where, "goodPractice");
            }, null);
        }
        List<Rule> rules = new ArrayList<>();
        List<EventType> triggers = follows != null ? java.util.Collections.<EventType>singletonList(null) : on;
        for (EventType type : triggers) {
            String key = id + "#" + (number + rules.size());
            rules.add(new Rule(key, row, id, description, type, follows, when, open, due, bringForward,
                    List.copyOf(cancel), goodPractice));
        }
        return rules;
    }

    /** {@code on: cin.review.held} or {@code on: [cin.case.opened, cin.case.transferred]}. */
    private static List<EventType> eventTypes(JsonNode node, Where where) {
        List<JsonNode> given = new ArrayList<>();
        if (node.isTextual()) {
            given.add(node);
        } else if (node.isArray() && !node.isEmpty()) {
            node.forEach(given::add);
        } else {
            where.report("'on' must be an event type or a non-empty list of them, e.g. cin.review.held");
            return List.of();
        }
        Set<EventType> types = new LinkedHashSet<>();
        for (JsonNode t : given) {
            String type = t.asText();
            Optional<EventType> known = t.isTextual() ? EventType.fromType(type) : Optional.empty();
            if (known.isEmpty()) {
                where.report("unknown event type '" + type + "' in 'on'" + suggestion(type,
                        Arrays.stream(EventType.values()).map(EventType::type).toList()));
            } else if (!types.add(known.get())) {
                where.report("event type '" + type + "' is listed twice in 'on'");
            }
        }
        return List.copyOf(types);
    }

    private DueRule due(JsonNode d, Where where, List<EventType> on, ObligationKind follows) {
        mapping(d, "due", where);
        checkKeys(d, DUE_KEYS, "due.", where);
        long shapes = Stream.of("noDeadline", "sameAsLeader", "agreedOnly", "after").filter(d::has).count();
        if (shapes == 0 && Stream.of("noDeadline", "sameAsLeader", "agreedOnly", "after").anyMatch(k -> misspelled(d, k))) {
            throw new AlreadyReported();
        }
        if (shapes != 1) {
            throw where.error("due needs exactly one of 'after' (with 'unit'), 'agreedOnly', 'sameAsLeader' or 'noDeadline'");
        }
        if (d.has("noDeadline")) {
            if (!bool(d.get("noDeadline"), "due.noDeadline", where)) {
                throw where.error("due.noDeadline can only be true (leave it out otherwise)");
            }
            return DueRule.ofNone();
        }
        if (d.has("sameAsLeader")) {
            if (!bool(d.get("sameAsLeader"), "due.sameAsLeader", where)) {
                throw where.error("due.sameAsLeader can only be true (leave it out otherwise)");
            }
            if (follows == null) {
                throw where.error("due.sameAsLeader needs 'follows'");
            }
            return DueRule.ofLeader();
        }
        if (d.has("agreedOnly")) {
            return DueRule.ofAgreed(agreedField(d.get("agreedOnly").asText(), "due.agreedOnly", on, where));
        }
        Interval interval = interval(d, where, "due");
        DueAnchor anchor = d.has("from") ? enumValue(DueAnchor.class, d.get("from").asText(), "due.from", where)
                : DueAnchor.EVENT_DATE;
        String agreed = d.has("agreed") ? agreedField(d.get("agreed").asText(), "due.agreed", on, where) : null;
        return DueRule.ofInterval(interval, anchor, agreed);
    }

    private Interval interval(JsonNode d, Where where, String what) {
        if ((!d.has("after") && misspelled(d, "after")) || (!d.has("unit") && misspelled(d, "unit"))) {
            throw new AlreadyReported();
        }
        if (!d.has("after") || !d.get("after").isIntegralNumber() || !d.get("after").canConvertToInt()
                || d.get("after").asInt() < 1) {
            throw where.error(what + ".after must be a whole number >= 1");
        }
        if (!d.has("unit")) {
            throw where.error(what + ".unit is required (WORKING_DAYS, DAYS, WEEKS or MONTHS)");
        }
        return new Interval(d.get("after").asInt(), enumValue(DueUnit.class, d.get("unit").asText(), what + ".unit", where));
    }

    /** One of {@link AgreedDate#FIELDS}, and carried by the event the rule is on. */
    private static String agreedField(String field, String key, List<EventType> on, Where where) {
        Optional<AgreedDate> agreed = AgreedDate.fromField(field);
        if (agreed.isEmpty()) {
            throw where.error(key + ": agreed date field must be one of " + AGREED_FIELDS + ", was '" + field + "'"
                    + suggestion(field, AGREED_FIELDS));
        }
        for (EventType type : on) {
            if (agreed.get().carriedBy() != type) {
                where.report(key + ": " + type.type() + " carries no '" + field + "' (only "
                        + agreed.get().carriedBy().type() + " does)");
            }
        }
        return field;
    }

    private Condition condition(JsonNode when, Where where, List<EventType> on) {
        if (!when.isObject()) {
            throw where.error("'when' must be a mapping of conditions");
        }
        Condition result = Condition.ALWAYS;
        for (Iterator<Map.Entry<String, JsonNode>> it = when.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (!CONDITION_KEYS.contains(key)) {
                where.report("unknown condition '" + key + "' in 'when'" + suggestion(key, CONDITION_KEYS)
                        + "; known: " + CONDITION_KEYS);
                continue;
            }
            Condition c = section(where, () -> switch (key) {
                case "firstPlanningMeeting" -> {
                    boolean want = bool(v, "when." + key, where);
                    yield Condition.worded(want ? "it is the case's first planning meeting"
                            : "it is not the case's first planning meeting",
                            ctx -> (ctx.planStartBefore() == null) == want);
                }
                case "noReviewHeld" -> {
                    boolean want = bool(v, "when." + key, where);
                    yield Condition.worded(want ? "no review has been held yet" : "a review has been held",
                            ctx -> (ctx.lastReviewBefore() == null) == want);
                }
                case "longTermSupport" -> {
                    boolean want = bool(v, "when." + key, where);
                    yield Condition.worded(want ? "the child has longer-term support"
                            : "the child is not on longer-term support",
                            ctx -> ctx.longTermSupport() == want);
                }
                case "noOpen" -> {
                    ObligationKind kind = enumValue(ObligationKind.class, v.asText(), "when." + key, where);
                    yield Condition.worded("no " + kind.label().toLowerCase(Locale.ROOT) + " is open",
                            ctx -> !ctx.openKinds().contains(kind));
                }
                case "planTypeIn" -> {
                    Set<PlanType> types = planTypes(v, "when." + key, where);
                    yield Condition.worded("the plan is " + planWords(types),
                            ctx -> types.contains(ctx.planType()));
                }
                case "planTypeNotIn" -> {
                    Set<PlanType> types = planTypes(v, "when." + key, where);
                    yield Condition.worded("the plan is not " + planWords(types),
                            ctx -> !types.contains(ctx.planType()));
                }
                case "data" -> dataCondition(v, where, on);
                case "present" -> {
                    if (!v.isArray() || v.isEmpty()) {
                        throw where.error("when.present must be a non-empty list of event data fields");
                    }
                    List<String> fields = new ArrayList<>();
                    v.forEach(f -> fields.add(f.asText()));
                    fields.forEach(f -> checkDataField(f, "when.present", on, where));
                    yield Condition.worded("the event gives " + String.join(" and ", fields),
                            ctx -> fields.stream().allMatch(f -> ctx.event().data().has(f)));
                }
                case "anyOf" -> {
                    if (!v.isArray() || v.isEmpty()) {
                        throw where.error("when.anyOf must be a non-empty list of condition mappings");
                    }
                    List<Condition> options = new ArrayList<>();
                    v.forEach(o -> options.add(condition(o, where, on)));
                    yield Condition.worded("either " + options.stream().map(Condition::words).collect(Collectors.joining(" or ")),
                            ctx -> options.stream().anyMatch(o -> o.holds(ctx)));
                }
                default -> throw where.error("unknown condition '" + key + "' in 'when'");
            }, Condition.ALWAYS);
            result = result.and(c);
        }
        return result;
    }

    private static Condition dataCondition(JsonNode v, Where where, List<EventType> on) {
        if (!v.isObject() || v.isEmpty()) {
            throw where.error("when.data must map event data fields to the values they must have");
        }
        Condition result = Condition.ALWAYS;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode expected = e.getValue();
            checkDataField(field, "when.data", on, where);
            for (EventType type : on) {
                type.fields().stream().filter(f -> f.name().equals(field)).findFirst()
                        .flatMap(spec -> spec.type().check(expected))
                        .ifPresent(problem -> where.report("when.data." + field + " " + problem));
            }
            Condition c;
            if (expected.isBoolean()) {
                boolean want = expected.asBoolean();
                c = Condition.worded(want ? "the event marks it " + field : "the event does not mark it " + field,
                        ctx -> ctx.event().data().bool(field) == want); // an absent flag reads false
            } else {
                String want = expected.asText();
                c = Condition.worded("the event's " + field + " is " + want,
                        ctx -> ctx.event().data().optString(field).map(want::equals).orElse(false));
            }
            result = result.and(c);
        }
        return result;
    }

    /** A field a rule's condition reads must be one its events carry: a misspelled one would never match. */
    private static void checkDataField(String field, String key, List<EventType> on, Where where) {
        for (EventType type : on) {
            Set<String> known = dataFields(type);
            if (!known.contains(field)) {
                where.report(key + ": " + type.type() + " carries no field '" + field + "'" + suggestion(field, known)
                        + (known.isEmpty() ? "" : "; it carries " + String.join(", ", known)));
            }
        }
    }

    /** The fields of an event's data a condition may read: the contract's, with the agreed dates it carries. */
    static Set<String> dataFields(EventType type) {
        Set<String> fields = new LinkedHashSet<>();
        type.fields().stream().map(FieldSpec::name).forEach(fields::add);
        for (AgreedDate agreed : AgreedDate.values()) {
            if (agreed.carriedBy() == type) {
                fields.add(agreed.field());
            }
        }
        if (type == EventType.CARE_TEAM_MEETING_HELD) {
            fields.addAll(List.of("nextMeeting", "nextMeeting.date", "nextMeeting.time", "nextMeeting.venue"));
        }
        return fields;
    }

    private List<Distribution> distributions(JsonNode node, Problems problems) {
        List<Distribution> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problems.lines.add(problems.file + ": distributions must be a list");
            return out;
        }
        int index = 0;
        for (JsonNode d : node) {
            index++;
            String id = d.hasNonNull("id") ? d.get("id").asText() : "#" + index;
            Where where = new Where(problems, "distribution " + id + " (row " + index + ")");
            out.addAll(section(where, () -> distribution(d, where, id), List.of()));
        }
        return List.copyOf(out);
    }

    private static List<Distribution> distribution(JsonNode d, Where where, String id) {
        if (!d.isObject()) {
            throw where.error("a distribution must be a mapping (id, description, on, template, roles)");
        }
        checkKeys(d, DISTRIBUTION_KEYS, "", where);
        section(where, () -> text(d, "id", where, true), null);
        section(where, () -> text(d, "description", where, true), null);
        List<EventType> on = List.of();
        if (!d.has("on")) {
            if (!misspelled(d, "on")) {
                where.report("'on' is required");
            }
        } else {
            on = eventTypes(d.get("on"), where);
        }
        String template = section(where, () -> text(d, "template", where, true), null);
        if (template != null) {
            List<String> sent = Arrays.stream(NoticeTemplate.values()).filter(t -> t.distributedOn().isPresent())
                    .map(NoticeTemplate::id).toList();
            Optional<NoticeTemplate> known = NoticeTemplate.fromId(template);
            if (known.isEmpty() || known.get().distributedOn().isEmpty()) {
                where.report("template '" + template + "' is not a template distributions send" + suggestion(template, sent)
                        + "; known: " + String.join(", ", sent));
            } else {
                EventType sentOn = known.get().distributedOn().get();
                for (EventType type : on) {
                    if (type != sentOn) {
                        where.report("template '" + template + "' is sent on " + sentOn.type() + ", never on " + type.type());
                    }
                }
            }
        }
        Set<String> records = new LinkedHashSet<>();
        if (d.has("record")) {
            JsonNode list = d.get("record");
            if (!list.isArray() || list.isEmpty()) {
                where.report("record must be a non-empty list of record kinds (leave it out for all of them)");
            }
            List<String> kinds = Arrays.stream(RecordKind.values()).map(Enum::name).toList();
            for (JsonNode x : list) {
                if (!kinds.contains(x.asText())) {
                    where.report("record: unknown record kind '" + x.asText() + "'" + suggestion(x.asText(), kinds)
                            + "; known: " + String.join(", ", kinds));
                }
                records.add(x.asText());
            }
            if (!on.isEmpty() && !on.equals(List.of(EventType.RECORD_PUBLISHED))) {
                where.report("record applies only on " + EventType.RECORD_PUBLISHED.type());
            }
        }
        List<Role> roles = new ArrayList<>();
        if (!d.has("roles") || !d.get("roles").isArray() || d.get("roles").isEmpty()) {
            if (!misspelled(d, "roles")) {
                where.report("needs a non-empty list of roles");
            }
        } else {
            for (JsonNode role : d.get("roles")) {
                Role r = section(where, () -> enumValue(Role.class, role.asText(), "roles", where), null);
                if (r != null) {
                    roles.add(r);
                }
            }
        }
        List<Distribution> out = new ArrayList<>();
        for (EventType type : on) {
            out.add(new Distribution(id, type, Set.copyOf(records), template, List.copyOf(roles)));
        }
        return out;
    }

    private static Set<PlanType> planTypes(JsonNode v, String key, Where where) {
        Set<PlanType> types = EnumSet.noneOf(PlanType.class);
        if (!v.isArray() || v.isEmpty()) {
            throw where.error(key + " must be a non-empty list of plan types");
        }
        v.forEach(t -> types.add(enumValue(PlanType.class, t.asText(), key, where)));
        return types;
    }

    private static String planWords(Set<PlanType> types) {
        List<String> words = types.stream().map(t -> t.name().toLowerCase(Locale.ROOT).replace('_', ' ')).toList();
        String joined = words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
        return "a " + joined + " plan";
    }

    private static boolean bool(JsonNode v, String key, Where where) {
        if (!v.isBoolean()) {
            throw where.error(key + " must be true or false");
        }
        return v.asBoolean();
    }

    private static void mapping(JsonNode node, String key, Where where) {
        if (!node.isObject()) {
            throw where.error(key + " must be a mapping");
        }
    }

    /** Reports every key of {@code node} the format does not know ({@code prefix} places it: "calendar."). */
    private static void checkKeys(JsonNode node, Set<String> allowed, String prefix, Where where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String hint = suggestion(prefix + key, allowed.stream().map(k -> prefix + k).toList());
                where.report("unknown key '" + prefix + key + "'"
                        + (hint.isEmpty() ? "; allowed: " + String.join(", ", allowed) : hint));
            }
        }
    }

    /** " (did you mean 'template'?)" when one known word is within two edits of {@code given}, else "". */
    static String suggestion(String given, java.util.Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(given.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Edit distance, with a swap of two neighbours counting as one edit ("tempalte"). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String text(JsonNode node, String field, Where where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            if (required && misspelled(node, field)) {
                throw new AlreadyReported();
            }
            if (required) {
                throw where.error("'" + field + "' is required");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw where.error("'" + field + "' must be text");
        }
        return v.asText();
    }

    private static int integer(JsonNode node, String field, Where where) {
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw where.error(field + " must be a whole number");
        }
        return v.asInt();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field, Where where) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            List<String> known = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            throw where.error(field + ": unknown value '" + value + "'" + suggestion(value, known));
        }
    }

    private static Set<String> keys(String... keys) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }

    /** Runs one part of the file; a mistake that stops it is reported and the part yields {@code otherwise}. */
    private static <T> T section(Where where, java.util.function.Supplier<T> part, T otherwise) {
        try {
            return part.get();
        } catch (AlreadyReported e) {
            return otherwise;
        } catch (PolicyException e) {
            where.problems.lines.add(e.getMessage());
            return otherwise;
        }
    }

    /**
     * Whether {@code node} has, instead of {@code field}, a key the format does not know that is within two edits of
     * it: the misspelling is reported as an unknown key, so {@code field}'s absence is not a second mistake.
     */
    private static boolean misspelled(JsonNode node, String field) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ALL_KEYS.contains(key) && distance(key.toLowerCase(Locale.ROOT), field.toLowerCase(Locale.ROOT)) <= 2) {
                return true;
            }
        }
        return false;
    }

    /** A mistake already reported (a misspelled key): the part stops without a second message. */
    private static final class AlreadyReported extends PolicyException {
        AlreadyReported() {
            super("already reported");
        }
    }

    /** Every mistake found in one file, each a line naming the file. */
    private static final class Problems {
        final String file;
        final List<String> lines = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }
    }

    /** Where in which file a problem is, for messages: {@code place} is "rule D1 (row 2)", or null at the top. */
    private record Where(Problems problems, String place) {
        String at(String message) {
            return problems.file + (place == null ? "" : ", " + place) + ": " + message;
        }

        void report(String message) {
            problems.lines.add(at(message));
        }

        PolicyException error(String message) {
            return new PolicyException(at(message));
        }
    }
}
