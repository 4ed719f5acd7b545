package cin.reminders.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}). {@code field} names the first bad
 * field; {@code errors} lists every one, with a JSON pointer into the request body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
                      List<InvalidField> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://cin-reminders.example/problems/";

    /** One bad field. */
    public record InvalidField(String field, String pointer, String detail) {
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, null, null);
    }

    public Problem at(String instancePath) {
        return new Problem(type, title, status, detail, instancePath, field, errors);
    }
}
