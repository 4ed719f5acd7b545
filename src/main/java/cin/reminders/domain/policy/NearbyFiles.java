package cin.reminders.domain.policy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a file a policy file names ({@code calendar.bankHolidays}), found beside the policy file. */
@FunctionalInterface
public interface NearbyFiles {

    /**
     * @param policyFile the policy file's name, as given to the loader
     * @param name the name the policy gives (relative to the policy file's folder, or absolute)
     */
    InputStream open(String policyFile, String name) throws IOException;

    /** Policy files on disk. */
    NearbyFiles FILESYSTEM = (policyFile, name) -> Files.newInputStream(Path.of(policyFile).resolveSibling(name));

    /** Policy files bundled as class-path resources (their names are resource paths). */
    static NearbyFiles classpath(ClassLoader loader) {
        return (policyFile, name) -> {
            String resource = Path.of(policyFile).resolveSibling(name).normalize().toString().replace('\\', '/');
            InputStream in = loader.getResourceAsStream(resource);
            if (in == null) {
                throw new FileNotFoundException("no such resource " + resource);
            }
            return in;
        };
    }
}
