package cin.reminders;

import cin.reminders.policycheck.PolicyChecker;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * The entry point, in {@code java -jar} and in {@code ./mvnw quarkus:dev} alike.
 * <p>
 * The GOV.UK Notify client uses {@code HttpURLConnection}, which has no timeouts unless these JDK
 * properties are set, reads them once per JVM (at its first connection), and by default silently
 * resends a POST whose connection dropped: a text sent twice. So they are set here, before
 * anything connects, unless the operator set them already.
 * <p>
 * {@code check-policies DIR [--events FILE.json]} runs the policy checker instead ({@link PolicyChecker}): plain
 * Java, before Quarkus starts, so it needs no database, broker or configuration.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (args.length > 0 && PolicyChecker.COMMAND.equals(args[0])) {
            System.exit(new PolicyChecker(System.out, System.err).run(Arrays.asList(args).subList(1, args.length)));
        }
        HttpUrlConnectionDefaults.apply();
        Quarkus.run(args);
    }
}
