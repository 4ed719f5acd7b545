package cin.reminders.platform.security;

import cin.reminders.domain.model.Councils;
import java.util.ArrayList;
import java.util.List;

/**
 * The JWT {@code authority} claim (CONTRACT-2 §6): one council's policy id, an array of them, or {@code "*"} for
 * every council. No claim, or an empty one, acts for no council.
 */
public final class AuthorityClaim {

    public static final String NAME = "authority";

    private AuthorityClaim() {
    }

    /** The councils a claim value names, whatever JSON shape the token library hands over. */
    public static Councils councils(Object claim) {
        if (claim == null) {
            return Councils.NONE;
        }
        List<String> ids = new ArrayList<>();
        if (claim instanceof Iterable<?> many) {
            many.forEach(v -> add(ids, v));
        } else if (claim instanceof Object[] many) {
            for (Object v : many) {
                add(ids, v);
            }
        } else {
            add(ids, claim);
        }
        return Councils.of(ids);
    }

    private static void add(List<String> ids, Object value) {
        if (value == null) {
            return;
        }
        String s = value instanceof jakarta.json.JsonString js ? js.getString() : value.toString();
        s = s.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        if (!s.isEmpty()) {
            ids.add(s);
        }
    }
}
