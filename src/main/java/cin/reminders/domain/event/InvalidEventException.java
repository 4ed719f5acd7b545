package cin.reminders.domain.event;

import java.util.List;
import java.util.stream.Collectors;

/** An event that cannot be accepted, with every field that is wrong. */
public class InvalidEventException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidEventException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public InvalidEventException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The first field named, for a one-line reason (the DLQ header). */
    public String firstField() {
        return errors.get(0).field();
    }
}
