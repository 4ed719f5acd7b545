package cin.reminders;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point, in {@code java -jar} and in {@code ./mvnw quarkus:dev} alike.
 * <p>
 * The GOV.UK Notify client uses {@code HttpURLConnection}, which has no timeouts unless these JDK
 * properties are set, reads them once per JVM (at its first connection), and by default silently
 * resends a POST whose connection dropped: a text sent twice. So they are set here, before
 * anything connects, unless the operator set them already.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        HttpUrlConnectionDefaults.apply();
        Quarkus.run(args);
    }
}
