package cin.reminders.audit.service;

import java.util.function.Function;
import io.smallrye.mutiny.Uni;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.audit.Access;
import cin.reminders.platform.ServiceClock;
import cin.reminders.platform.config.RemindersConfig;
import cin.reminders.platform.security.AccessPolicy;
import cin.reminders.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
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

    public CaseReadAudit(RemindersConfig config, Instance<SecurityIdentity> identity, AccessPolicy access, AccessLog log,
                         ServiceClock clock) {
        this.authEnabled = config.auth().enabled();
        this.identity = identity;
        this.access = access;
        this.log = log;
        this.clock = clock;
    }

    /** Who reads: a person's participant id and the role their read is allowed by. */
    record Reader(String subject, String role) {

        Access read(CaseRef ref, String endpoint, Instant at) {
            return new Access(ref.authority(), ref.caseId(), subject, role, endpoint, at);
        }
    }

    /**
     * A person's read of one case, start to end: the access policy finds the case the id names for the caller (404,
     * 409 or 403 as it says), {@code query} reads it, and the read is recorded once it has answered.
     */
    public <T> Uni<T> read(String caseId, String authority, String endpoint, Function<CaseRef, Uni<T>> query) {
        Consumer<CaseRef> recordRead = recorder(endpoint); // the caller, taken on the request
        return access.readableCase(caseId, authority).chain(ref -> query.apply(ref).invoke(() -> recordRead.accept(ref)));
    }

    /**
     * Takes the caller now, on the request; the returned recorder is called with the case once the read has answered
     * ({@code .invoke(() -> recorder.accept(ref))}), and queues the entry without the answer waiting for it. Does
     * nothing for a caller who is not a person.
     */
    public Consumer<CaseRef> recorder(String endpoint) {
        return reader().<Consumer<CaseRef>>map(r -> ref -> log.record(r.read(ref, endpoint, clock.now())))
                .orElse(ref -> { });
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
