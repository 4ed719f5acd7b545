package cin.reminders.audit.service;

import cin.reminders.domain.audit.Access;
import cin.reminders.ingest.repository.CaseRecordStore;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.config.RemindersConfig;
import cin.reminders.platform.security.AccessPolicy;
import cin.reminders.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a resource calls to put a read of a case in the access log, after its access check: takes the caller from the
 * request's identity, and records only a person, a caseworker or a manager (the integration role is a system, not a
 * reader). With authentication off (dev and test: {@code reminders.auth.enabled=false}) every read is recorded as
 * {@value #ANONYMOUS} with role {@value #NO_ROLE}, so the log can be seen working.
 */
@ApplicationScoped
public class CaseReadAudit {

    public static final String ANONYMOUS = "anonymous";
    public static final String NO_ROLE = "none";

    private final boolean authEnabled;
    private final Instance<SecurityIdentity> identity;
    private final AccessPolicy access;
    private final AccessLog log;
    private final ServiceClock clock;
    private final Pool pool;
    private final CaseRecordStore cases;

    public CaseReadAudit(RemindersConfig config, Instance<SecurityIdentity> identity, AccessPolicy access, AccessLog log,
                         ServiceClock clock, Pool pool, CaseRecordStore cases) {
        this.authEnabled = config.auth().enabled();
        this.identity = identity;
        this.access = access;
        this.log = log;
        this.clock = clock;
        this.pool = pool;
        this.cases = cases;
    }

    /** Who reads: a person's participant id and the role their read is allowed by. */
    record Reader(String subject, String role) {

        Access read(String authority, String caseId, String endpoint, Instant at) {
            return new Access(authority, caseId, subject, role, endpoint, at);
        }
    }

    /** Records a read of a case of a known council, now. Call on the request, once the access check has passed. */
    public void record(String authority, String caseId, String endpoint) {
        recorder(caseId, endpoint).accept(authority);
    }

    /**
     * Takes the caller now, on the request; the read is recorded when the result is given the case's council (once
     * the read has answered). Does nothing for a caller who is not a person.
     */
    public Consumer<String> recorder(String caseId, String endpoint) {
        return reader().<Consumer<String>>map(r -> authority -> log.record(r.read(authority, caseId, endpoint, clock.now())))
                .orElse(authority -> { });
    }

    /**
     * For a case path that names no council (a case is still known by its id alone): takes the caller now; the
     * result, run once the read has answered ({@code uni.invoke(audit.onRead(caseId, ENDPOINT))}), looks the case's
     * stored council up and records the read, without the answer waiting for either.
     */
    public Runnable onRead(String caseId, String endpoint) {
        Optional<Reader> reader = reader();
        if (reader.isEmpty()) {
            return () -> { };
        }
        return () -> {
            Instant at = clock.now();
            log.recordOnceKnown(cases.authorityOf(pool, caseId)
                    .map(authority -> authority.map(a -> reader.get().read(a, caseId, endpoint, at))));
        };
    }

    /** The caller, if a person. Read on the request: the identity is the request's. */
    Optional<Reader> reader() {
        if (!authEnabled) {
            return Optional.of(new Reader(ANONYMOUS, NO_ROLE));
        }
        SecurityIdentity who = identity.get();
        if (who.isAnonymous()) {
            return Optional.empty();
        }
        String role = who.hasRole(Roles.MANAGER) ? Roles.MANAGER : who.hasRole(Roles.CASEWORKER) ? Roles.CASEWORKER : null;
        if (role == null) {
            return Optional.empty(); // the integration role, or no role: not a person reading
        }
        return access.participantId().map(subject -> new Reader(subject, role));
    }
}
