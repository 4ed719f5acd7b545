package cin.reminders.platform.problem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** Query parameters read once, the same way everywhere: a bad one is a 400 problem naming it. */
public final class QueryParams {

    private QueryParams() {
    }

    /** Null for absent or blank. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** An enum constant by name, or null when absent. */
    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (text(value) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(name, "unknown value; one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An ISO date, or null when absent. */
    public static LocalDate date(String name, String value) {
        if (text(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, "must be an ISO-8601 date (yyyy-MM-dd)");
        }
    }

    /** An ISO date that must be given. */
    public static LocalDate requiredDate(String name, String value) {
        if (text(value) == null) {
            throw new BadParameterException(name, "is required: an ISO-8601 date (yyyy-MM-dd)");
        }
        return date(name, value);
    }

    /** {@code true} or {@code false}; false when absent. */
    public static boolean flag(String name, String value) {
        String v = text(value);
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw new BadParameterException(name, "must be true or false");
    }

    /** A whole number from {@code min} to {@code max}. */
    public static int integer(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.strip());
            if (n < min || n > max) {
                throw new BadParameterException(name, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "must be a whole number");
        }
    }
}
