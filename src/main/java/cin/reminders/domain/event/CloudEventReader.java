package cin.reminders.domain.event;

import cin.reminders.domain.model.Channel;
import cin.reminders.domain.model.PostalAddress;
import cin.reminders.domain.model.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns a structured CloudEvent (JSON) into a {@link CaseEvent}, or refuses it with every field
 * that is wrong. The same reader serves HTTP and Kafka, so both refuse the same things for the
 * same reasons.
 */
public final class CloudEventReader {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final Predicate<String> knownAuthority;

    public CloudEventReader(Predicate<String> knownAuthority) {
        this.knownAuthority = knownAuthority;
    }

    public CaseEvent read(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("event", "must be a JSON object (a structured CloudEvent)");
        }
        List<FieldError> errors = new ArrayList<>();
        String specversion = requiredText(event, "specversion", errors);
        if (specversion != null && !"1.0".equals(specversion)) {
            errors.add(new FieldError("specversion", "must be \"1.0\""));
        }
        String id = requiredId(event, "id", errors, "");
        String source = requiredId(event, "source", errors, "");
        String subject = requiredId(event, "subject", errors, "");
        String typeName = requiredText(event, "type", errors);
        EventType type = null;
        if (typeName != null) {
            type = EventType.fromType(typeName).orElse(null);
            if (type == null) {
                errors.add(new FieldError("type", "unknown event type; see CONTRACT.md §1 for the accepted types"));
            }
        }
        Instant time = null;
        String timeText = requiredText(event, "time", errors);
        if (timeText != null) {
            try {
                time = OffsetDateTime.parse(timeText).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("time", "must be an RFC 3339 timestamp, e.g. 2026-01-05T12:00:00Z"));
            }
        }
        String authority = requiredId(event, "authority", errors, "");
        if (authority != null && !knownAuthority.test(authority)) {
            errors.add(new FieldError("authority", "unknown authority: no policy is configured for it"));
        }
        JsonNode contentType = event.get("datacontenttype");
        if (contentType != null && !contentType.isNull()
                && !(contentType.isTextual() && isJson(contentType.asText()))) {
            errors.add(new FieldError("datacontenttype", "must be application/json"));
        }
        JsonNode data = event.get("data");
        LocalDate date = null;
        if (data == null || !data.isObject()) {
            errors.add(new FieldError("data", "must be a JSON object"));
        } else {
            String caseId = requiredId(data, "caseId", errors, "data.");
            if (caseId != null && subject != null && !caseId.equals(subject)) {
                errors.add(new FieldError("data.caseId", "must equal the event's subject"));
            }
            if (type != null) {
                date = checkData(type, data, time, errors);
            }
        }
        if (errors.isEmpty()) {
            findNul(event, "", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors);
        }
        return new CaseEvent(source, id, type, subject, authority, time, date, new EventData(data));
    }

    private LocalDate checkData(EventType type, JsonNode data, Instant time, List<FieldError> errors) {
        LocalDate date = null;
        if (type.hasDate()) {
            JsonNode d = data.get("date");
            if (d == null || d.isNull()) {
                errors.add(new FieldError("data.date", "is required"));
            } else {
                Optional<String> problem = FieldType.DATE.check(d);
                if (problem.isPresent()) {
                    errors.add(new FieldError("data.date", problem.get()));
                } else {
                    date = LocalDate.parse(d.asText());
                }
            }
        } else if (time != null) {
            date = time.atZone(LONDON).toLocalDate();
        }
        for (FieldSpec field : type.fields()) {
            checkField(data, field, "data.", errors);
        }
        switch (type) {
            case PARTICIPANT_UPSERTED -> checkParticipant(data.get("participant"), errors);
            case CARE_TEAM_MEETING_HELD -> checkNextMeeting(data.get("nextMeeting"), errors);
            default -> { }
        }
        if (date != null) {
            for (String agreed : AgreedDate.FIELDS) {
                Optional<LocalDate> value = dateAt(data, agreed);
                if (value.isPresent() && value.get().isBefore(date)) {
                    errors.add(new FieldError("data." + agreed, "must not be before data.date"));
                }
            }
        }
        return date;
    }

    private static void checkNextMeeting(JsonNode next, List<FieldError> errors) {
        if (next == null || next.isNull()) {
            return;
        }
        if (!next.isObject()) {
            errors.add(new FieldError("data.nextMeeting", "must be an object with date, time and venue"));
            return;
        }
        checkField(next, FieldSpec.required("date", FieldType.DATE), "data.nextMeeting.", errors);
        checkField(next, FieldSpec.optional("time", FieldType.LOCAL_TIME), "data.nextMeeting.", errors);
        checkField(next, FieldSpec.optional("venue", FieldType.STRING), "data.nextMeeting.", errors);
    }

    private static void checkParticipant(JsonNode p, List<FieldError> errors) {
        String prefix = "data.participant.";
        if (p == null || !p.isObject()) {
            errors.add(new FieldError("data.participant", "is required and must be an object"));
            return;
        }
        int before = errors.size();
        checkField(p, FieldSpec.required("id", FieldType.IDENTIFIER), prefix, errors);
        checkField(p, FieldSpec.required("role", FieldType.oneOf(Role.class)), prefix, errors);
        checkField(p, FieldSpec.required("name", FieldType.STRING), prefix, errors);
        checkField(p, FieldSpec.required("preferredChannel", FieldType.oneOf(Channel.class)), prefix, errors);
        checkField(p, FieldSpec.optional("language", FieldType.oneOfCodes("en", "cy")), prefix, errors);
        checkField(p, FieldSpec.optional("email", FieldType.STRING), prefix, errors);
        checkField(p, FieldSpec.optional("mobile", FieldType.STRING), prefix, errors);
        checkField(p, FieldSpec.optional("dateOfBirth", FieldType.DATE), prefix, errors);
        checkField(p, FieldSpec.optional("receivesCopies", FieldType.BOOLEAN), prefix, errors);
        checkField(p, FieldSpec.optional("withholdReason", FieldType.STRING), prefix, errors);
        checkField(p, FieldSpec.optional("addressConfidential", FieldType.BOOLEAN), prefix, errors);
        checkField(p, FieldSpec.optional("agency", FieldType.STRING), prefix, errors);
        checkAddress(p.get("address"), errors);
        if (errors.size() > before) {
            return;
        }
        if (p.hasNonNull("email") && !p.get("email").asText().matches("[^@\\s]+@[^@\\s]+")) {
            errors.add(new FieldError(prefix + "email", "must be an email address"));
        }
        Role role = Role.valueOf(p.get("role").asText());
        boolean withheld = p.hasNonNull("receivesCopies") && !p.get("receivesCopies").asBoolean();
        if (withheld && (role == Role.PARENT || role == Role.CARER) && !p.hasNonNull("withholdReason")) {
            errors.add(new FieldError(prefix + "withholdReason",
                    "is required when a parent or carer does not receive copies (receivesCopies: false)"));
        }
    }

    /**
     * {@code data.participant.address}, optional: {@code {"lines": [...], "postcode": "..."}}. The JSON's shape is
     * checked here, the address's rules by {@link PostalAddress} (1 to 5 lines of at most 35 characters, none saying
     * "no fixed abode", a UK postcode); each problem names its field, e.g. {@code data.participant.address.lines[2]}.
     */
    private static void checkAddress(JsonNode address, List<FieldError> errors) {
        String field = "data.participant.address";
        if (address == null || address.isNull()) {
            return;
        }
        if (!address.isObject()) {
            errors.add(new FieldError(field, "must be an object with lines and postcode"));
            return;
        }
        JsonNode linesNode = address.get("lines");
        JsonNode postcodeNode = address.get("postcode");
        boolean linesMisshapen = linesNode != null && !linesNode.isNull() && !linesNode.isArray();
        boolean postcodeMisshapen = postcodeNode != null && !postcodeNode.isNull() && !postcodeNode.isTextual();
        List<String> lines = null;
        if (linesNode != null && linesNode.isArray()) {
            lines = new ArrayList<>();
            for (JsonNode line : linesNode) {
                lines.add(line.isTextual() ? line.asText() : null); // not a string: "must be a non-empty string"
            }
        }
        if (linesMisshapen) {
            errors.add(new FieldError(field + ".lines", "must be an array of 1 to " + PostalAddress.MAX_LINES
                    + " address lines (strings)"));
        }
        if (postcodeMisshapen) {
            errors.add(new FieldError(field + ".postcode", "must be a UK postcode (a string), e.g. SW1A 1AA"));
        }
        String postcode = postcodeNode != null && postcodeNode.isTextual() ? postcodeNode.asText() : null;
        for (PostalAddress.Problem problem : PostalAddress.problems(lines, postcode)) {
            boolean reported = (linesMisshapen && problem.field().equals("lines"))
                    || (postcodeMisshapen && problem.field().equals("postcode"));
            if (!reported) {
                errors.add(new FieldError(field + "." + problem.field(), problem.message()));
            }
        }
    }

    private static void checkField(JsonNode parent, FieldSpec field, String prefix, List<FieldError> errors) {
        JsonNode value = parent.get(field.name());
        if (value == null || value.isNull()) {
            if (field.required()) {
                errors.add(new FieldError(prefix + field.name(), "is required"));
            }
            return;
        }
        field.type().check(value).ifPresent(m -> errors.add(new FieldError(prefix + field.name(), m)));
    }

    private static Optional<LocalDate> dateAt(JsonNode data, String path) {
        JsonNode current = data;
        for (String part : path.split("\\.")) {
            current = current == null ? null : current.get(part);
        }
        if (current == null || !current.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(current.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String requiredText(JsonNode node, String field, List<FieldError> errors) {
        return requiredText(node, field, errors, "");
    }

    /** A required id: bounded and printable, so storage never refuses it after validation passed. */
    private static String requiredId(JsonNode node, String field, List<FieldError> errors, String prefix) {
        String value = requiredText(node, field, errors, prefix);
        if (value == null) {
            return null;
        }
        Optional<String> problem = FieldType.IDENTIFIER.check(node.get(field));
        if (problem.isPresent()) {
            errors.add(new FieldError(prefix + field, problem.get()));
            return null;
        }
        return value;
    }

    /**
     * PostgreSQL's text and jsonb cannot hold U+0000, in values or in names, including fields the
     * contract does not name. Refusing here names the field instead of failing the batch in storage.
     */
    private static void findNul(JsonNode node, String path, List<FieldError> errors) {
        if (node.isTextual() && node.asText().indexOf('\u0000') >= 0) {
            errors.add(new FieldError(path.isEmpty() ? "event" : path, "must not contain NUL characters"));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getKey().indexOf('\u0000') >= 0) {
                    errors.add(new FieldError(path.isEmpty() ? "event" : path, "field names must not contain NUL characters"));
                } else {
                    findNul(e.getValue(), child, errors);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findNul(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static String requiredText(JsonNode node, String field, List<FieldError> errors, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(prefix + field, "is required"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(new FieldError(prefix + field, "must be a non-empty string"));
            return null;
        }
        return value.asText();
    }

    private static boolean isJson(String contentType) {
        String base = contentType.split(";")[0].trim().toLowerCase();
        return base.equals("application/json") || base.endsWith("+json");
    }
}
