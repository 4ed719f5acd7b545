package cin.reminders.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A {@code reminders.policies.dir} of one file for a test profile: a bundled policy file, edited. The edit must change
 * the file, or the profile fails at once (a test of nothing would pass).
 */
public final class PolicyDir {

    private PolicyDir() {
    }

    /**
     * @param bundled the bundled file's name, e.g. {@code durham.yaml}
     * @param written the name to write it under in the directory (the same name replaces the bundled file's version)
     * @return the configuration that points the service at the directory
     */
    public static Map<String, String> withEdited(String bundled, String written, UnaryOperator<String> edit) {
        return withEdited(bundled, written, edit, Map.of());
    }

    /** @param beside other files written beside it (a bank-holiday file the policy names), by name */
    public static Map<String, String> withEdited(String bundled, String written, UnaryOperator<String> edit,
                                                 Map<String, String> beside) {
        try (InputStream in = PolicyDir.class.getClassLoader().getResourceAsStream("policies/" + bundled)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String edited = edit.apply(yaml);
            if (edited.equals(yaml)) {
                throw new IllegalStateException("the edit changed nothing in " + bundled);
            }
            Path dir = Files.createTempDirectory("policies-");
            Files.writeString(dir.resolve(written), edited);
            for (Map.Entry<String, String> file : beside.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
            return Map.of("reminders.policies.dir", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
