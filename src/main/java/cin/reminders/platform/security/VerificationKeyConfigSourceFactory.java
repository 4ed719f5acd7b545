package cin.reminders.platform.security;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The bearer JWTs' verification key from a PEM file: OIDC takes the key itself ({@code quarkus.oidc.public-key}),
 * while a Kubernetes Secret is mounted as a file ({@code reminders.auth.public-key-location}, env
 * {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} as before). A file path, else a classpath resource (tests). A location
 * that cannot be read stops start-up: a service that silently refused every token would look like an outage.
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public class VerificationKeyConfigSourceFactory implements ConfigSourceFactory {

    static final String LOCATION = "reminders.auth.public-key-location";
    static final String PUBLIC_KEY = "quarkus.oidc.public-key";
    /** Below environment variables (300): QUARKUS_OIDC_PUBLIC_KEY, if given, wins; above application.properties. */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
            return List.of();
        }
        String location = value(context, LOCATION);
        if (location == null || value(context, PUBLIC_KEY) != null) {
            return List.of();
        }
        return List.of(new MapBackedConfigSource("verification key " + location, Map.of(PUBLIC_KEY, base64(read(location))), ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue().strip();
    }

    /** The PEM's body: OIDC wants the Base64 of the key alone, without the armour lines. */
    static String base64(String pem) {
        StringBuilder key = new StringBuilder();
        pem.lines().map(String::strip).filter(l -> !l.startsWith("-----")).forEach(key::append);
        return key.toString();
    }

    static String read(String location) {
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII);
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JWT verification key at " + location, e);
        }
        throw new IllegalStateException("No JWT verification key at " + location + " (" + LOCATION
                + ", MP_JWT_VERIFY_PUBLICKEY_LOCATION): neither a file nor a classpath resource");
    }
}
