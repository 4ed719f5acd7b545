package cin.reminders.domain.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The shape a field of an event's {@code data} must have. Messages never echo the value: it may be personal. */
public interface FieldType {

    /** An error message when {@code node} does not fit, or empty when it does. */
    Optional<String> check(JsonNode node);

    /** Longest identifier we accept: ids are primary-key parts, and PostgreSQL b-tree entries are bounded. */
    int MAX_IDENTIFIER = 200;

    /** Longest free text (names, venues, summaries, links); a case system never needs more. */
    int MAX_TEXT = 4_000;

    FieldType STRING = node -> text(node, MAX_TEXT);

    /** An id from the case system: short, printable, no control characters. */
    FieldType IDENTIFIER = node -> {
        Optional<String> problem = text(node, MAX_IDENTIFIER);
        if (problem.isPresent()) {
            return problem;
        }
        return node.asText().chars().anyMatch(Character::isISOControl)
                ? Optional.of("must not contain control characters") : Optional.empty();
    };

    FieldType BOOLEAN = node -> node.isBoolean() ? Optional.empty() : Optional.of("must be true or false");

    FieldType INTEGER = node -> node.isIntegralNumber() && node.canConvertToInt()
            ? Optional.empty() : Optional.of("must be a whole number");

    FieldType POSITIVE_INTEGER = node -> node.isIntegralNumber() && node.canConvertToInt() && node.asInt() > 0
            ? Optional.empty() : Optional.of("must be a whole number greater than 0");

    FieldType DATE = node -> {
        if (!node.isTextual()) {
            return Optional.of("must be an ISO-8601 date (yyyy-MM-dd)");
        }
        try {
            LocalDate.parse(node.asText());
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("must be an ISO-8601 date (yyyy-MM-dd)");
        }
    };

    FieldType LOCAL_DATE_TIME = node -> {
        if (!node.isTextual()) {
            return Optional.of("must be an ISO-8601 local date-time (yyyy-MM-ddTHH:mm)");
        }
        try {
            LocalDateTime.parse(node.asText());
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("must be an ISO-8601 local date-time (yyyy-MM-ddTHH:mm)");
        }
    };

    FieldType LOCAL_TIME = node -> {
        if (!node.isTextual()) {
            return Optional.of("must be a time of day (HH:mm)");
        }
        try {
            LocalTime.parse(node.asText());
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("must be a time of day (HH:mm)");
        }
    };

    FieldType STRING_ARRAY = node -> {
        if (!node.isArray()) {
            return Optional.of("must be an array of strings");
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                return Optional.of("must be an array of non-empty strings");
            }
            Optional<String> problem = IDENTIFIER.check(item);
            if (problem.isPresent()) {
                return Optional.of("items " + problem.get());
            }
        }
        return Optional.empty();
    };

    private static Optional<String> text(JsonNode node, int maxLength) {
        if (!node.isTextual() || node.asText().isBlank()) {
            return Optional.of("must be a non-empty string");
        }
        String value = node.asText();
        if (value.length() > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters");
        }
        // PostgreSQL text and jsonb cannot hold U+0000.
        return value.indexOf('\u0000') >= 0 ? Optional.of("must not contain NUL characters") : Optional.empty();
    }

    static <E extends Enum<E>> FieldType oneOf(Class<E> type) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        return node -> {
            if (node.isTextual()) {
                for (E e : type.getEnumConstants()) {
                    if (e.name().equals(node.asText())) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of("must be one of " + allowed);
        };
    }

    static FieldType oneOfCodes(String... codes) {
        String allowed = String.join(", ", codes);
        return node -> node.isTextual() && Arrays.asList(codes).contains(node.asText())
                ? Optional.empty() : Optional.of("must be one of " + allowed);
    }
}
