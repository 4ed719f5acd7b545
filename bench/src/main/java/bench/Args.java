package bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} arguments, with defaults. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            String name = args[i].substring(2);
            String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
            values.put(name, value);
        }
    }

    String get(String name, String def) {
        return values.getOrDefault(name, def);
    }

    String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    int getInt(String name, int def) {
        return Integer.parseInt(get(name, Integer.toString(def)));
    }

    long getLong(String name, long def) {
        return Long.parseLong(get(name, Long.toString(def)));
    }

    boolean getBool(String name, boolean def) {
        return Boolean.parseBoolean(get(name, Boolean.toString(def)));
    }
}
