package cin.reminders.platform.sql;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes status names into a statement from their enums: {@code {OPEN}} becomes {@code 'OPEN'}. Literals,
 * not parameters, so that PostgreSQL's generic plans can still use the partial indexes whose predicates
 * name a status ({@code where status = 'OPEN'}). A placeholder that names no constant of the enums fails
 * when the store's statements are built (class initialisation), never in production traffic.
 */
public final class StatusNames {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Z_]+)}");

    private StatusNames() {
    }

    /**
     * Statements written once per text: the stores call this where they run a statement (the dispatcher's
     * look-ahead every tick, a receipt's update), so the placeholders are replaced once, not on every call.
     * The texts are a bounded set (the stores' statements and their filter combinations).
     */
    private static final Map<String, String> WRITTEN = new ConcurrentHashMap<>();

    @SafeVarargs
    public static String in(String sql, Class<? extends Enum<?>>... enums) {
        return WRITTEN.computeIfAbsent(Arrays.toString(enums) + sql, k -> write(sql, enums));
    }

    private static String write(String sql, Class<? extends Enum<?>>[] enums) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length());
        while (m.find()) {
            String name = m.group(1);
            if (!names(name, enums)) {
                throw new IllegalStateException("{" + name + "} names no status of " + java.util.Arrays.toString(enums));
            }
            m.appendReplacement(out, "'" + name + "'");
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean names(String name, Class<? extends Enum<?>>[] enums) {
        for (Class<? extends Enum<?>> e : enums) {
            for (Enum<?> constant : e.getEnumConstants()) {
                if (constant.name().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
