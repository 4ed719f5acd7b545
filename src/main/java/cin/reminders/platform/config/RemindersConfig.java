package cin.reminders.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code reminders.*} setting. Defaults in application.properties, each listed once. The
 * {@code reminders.embedded.*} switches are also read before the application starts, by the embedded
 * default's config source, which cannot use a mapping.
 */
@ConfigMapping(prefix = "reminders")
public interface RemindersConfig {

    Clock clock();

    Auth auth();

    Calendar calendar();

    Demo demo();

    Embedded embedded();

    Metrics metrics();

    Ingest ingest();

    /** Catching up a backlog without false alarms (README, "Catching up after an outage"). */
    CatchUpSettings catchUp();

    Policies policies();

    /** Who read which case (the access log). */
    AccessLogSettings accessLog();

    /** Extra closure days per council, added to its policy file's: {@code reminders.closures.durham=2026-12-24}. */
    Closures closures();

    /** Re-dating open obligations when a council's calendar changed (CONTRACT-2 §9). */
    Redating redating();

    /** The managers' dashboard. */
    Dashboard dashboard();

    /**
     * Which councils each Kafka CloudEvents {@code source} may speak for (CONTRACT-2.md §6):
     * {@code reminders.sources."urn:cms:durham"=durham}, several councils comma-separated. Quote the source
     * (it is a URI: dots, slashes, colons); in a .properties file also escape its colons ({@code \:}). Empty
     * (nothing configured): any source may speak for any council.
     */
    Map<String, List<String>> sources();

    interface Clock {
        /** The instant the clock starts at (tests and demos only); unset: the system clock. */
        Optional<Instant> start();
    }

    interface Auth {
        /** On: every API call needs a bearer token with a role. Off only in dev and test. */
        boolean enabled();

        /**
         * People sign in to the pages with the council's identity provider (the {@code pages} OIDC tenant, code flow).
         * Off: the pages, like the API, take a bearer JWT only (an API-only deployment needs no IdP client).
         */
        boolean signIn();

        /** The claim naming the caller's participant id (Entra ID: an optional claim or directory extension). */
        String participantClaim();

        /** The claim naming the councils the caller acts for (CONTRACT-2 §6). */
        String authorityClaim();

        /**
         * A PEM public key that bearer JWTs are verified with (a mounted Secret, or a classpath resource): read at
         * start-up into {@code quarkus.oidc.public-key}. Unset: the IdP's JWKS ({@code quarkus.oidc.auth-server-url}).
         */
        Optional<String> publicKeyLocation();

        /** Cookies the service sets (the CSRF token) are Secure: off only in dev, over plain HTTP. */
        boolean secureCookies();
    }

    interface Calendar {
        /** The key of the calendar feeds' signed links (a Kubernetes Secret). */
        String secret();
    }

    interface Demo {
        boolean enabled();
    }

    interface Embedded {
        /** Start an embedded PostgreSQL and Kafka when none is configured. */
        boolean enabled();

        /** Set by the embedded default when it started the database. */
        Optional<Boolean> database();

        /** Set by the embedded default when it started the broker. */
        Optional<Boolean> broker();
    }

    interface Dashboard {
        /**
         * How old the dashboard's figures may be before a view starts refreshing them behind the reader
         * ({@code FreshFigures}); zero: every view reads the database.
         */
        @io.smallrye.config.WithDefault("PT1M")
        Duration freshFor();
    }

    interface Metrics {
        /** How often the state gauges are read from the database. */
        Duration refresh();
    }

    interface CatchUpSettings {
        /** Above this many records behind (the largest partition lag: end offset less committed offset), the service is catching up. */
        long lagThreshold();

        /** The longest a reminder born past waits for a catch-up, on top of its council's settle period. */
        Duration maxWait();

        /** How often such a reminder is looked at again while the service is catching up. */
        Duration recheck();

        /** How often the consumer's lag is read (from the Kafka client's own metrics, on its polling thread). */
        Duration measureEvery();
    }

    interface Ingest {
        /** Kafka consumers side by side. */
        int consumers();
    }

    interface Policies {
        /** A directory of extra or replacement policy files (a mounted ConfigMap). */
        Optional<Path> dir();

        /** Where the bundled policy files are on the class path. */
        String classpathDir();
    }

    interface AccessLogSettings {
        /** How long an entry is kept, from the read (ISO-8601 period, e.g. P25Y); a daily purge deletes older ones. */
        Period retention();

        /** How often the purge runs. */
        Duration purgeEvery();

        /** How often queued entries are written (sooner when a whole batch is waiting). */
        Duration flushEvery();

        /** The most entries one insert writes. */
        int batchSize();

        /** The most entries waiting in memory; past it a read is answered but not recorded (counted, warned). */
        int capacity();
    }

    interface Redating {
        /** Re-date at start (off only for a test that starts it itself). */
        boolean onStart();

        /** Obligations per transaction. */
        int batchSize();

        /** How long a start keeps trying while the database is away before reminders go on without it. */
        Duration retryFor();

        /** How often every council's open obligations are walked for rows still in another calendar. */
        Duration sweepEvery();
    }

    interface Closures {
        @WithParentName
        Map<String, List<LocalDate>> byAuthority();
    }
}
