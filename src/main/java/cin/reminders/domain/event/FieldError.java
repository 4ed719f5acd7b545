package cin.reminders.domain.event;

/**
 * One reason an event was refused: the field, as a dotted path from the event's top level
 * ({@code data.participant.withholdReason}), and what is wrong with it.
 */
public record FieldError(String field, String message) {

    public FieldError withPrefix(String prefix) {
        return new FieldError(prefix + field, message);
    }

    /** The same field as an RFC 6901 JSON pointer, e.g. {@code /data/participant/withholdReason}. */
    public String pointer() {
        String path = field.replaceAll("\\[(\\d+)]", ".$1"); // [2].data.date -> .2.data.date
        if (path.startsWith(".")) {
            path = path.substring(1);
        }
        return "/" + path.replace('.', '/');
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
