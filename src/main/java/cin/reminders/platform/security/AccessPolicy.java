package cin.reminders.platform.security;

import cin.reminders.platform.sql.CouncilScope;
import cin.reminders.domain.model.CaseRef;
import cin.reminders.domain.model.Councils;
import cin.reminders.ingest.repository.CaseRecordStore;
import cin.reminders.obligation.repository.ObligationStore;
import cin.reminders.platform.config.RemindersConfig;
import cin.reminders.platform.problem.AmbiguousCaseProblem;
import cin.reminders.platform.problem.NotFoundProblem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonString;
import jakarta.ws.rs.ForbiddenException;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may do what, outside dev and test ({@code reminders.auth.enabled}): the HTTP permission policy has already
 * insisted on a valid bearer JWT for {@code /api/**} (on the pages, a bearer JWT or a signed-in person); this checks
 * the role, the councils the token acts for (its {@code authority} claim, CONTRACT-2 §6) and, for a caseworker, that
 * the case is one of theirs (they own an obligation on it).
 * <ul>
 * <li>A case outside the caller's councils is not confirmed to exist: 404, as for an unknown one.</li>
 * <li>A write for another council is 403.</li>
 * <li>A case id used by more than one of the caller's councils is 409 until {@code ?authority=} names one.</li>
 * </ul>
 * With auth off (dev and test) the caller acts for every council with every role.
 */
@ApplicationScoped
public class AccessPolicy {

    private final boolean enabled;
    private final String participantClaim;
    private final String authorityClaim;
    private final Instance<SecurityIdentity> identity;
    private final CouncilScope scope;
    private final ObligationStore obligations;
    private final CaseRecordStore cases;

    public AccessPolicy(RemindersConfig config, Instance<SecurityIdentity> identity, CouncilScope scope, ObligationStore obligations,
                        CaseRecordStore cases) {
        this.enabled = config.auth().enabled();
        this.participantClaim = config.auth().participantClaim();
        this.authorityClaim = config.auth().authorityClaim();
        this.identity = identity;
        this.scope = scope;
        this.obligations = obligations;
        this.cases = cases;
    }

    /** POST /api/events: the case-management system only. */
    public void requireIntegration() {
        requireAny(Roles.INTEGRATION);
    }

    /** The dashboard and other views across cases. */
    public void requireManager() {
        requireAny(Roles.MANAGER);
    }

    public void requireAny(String... roles) {
        if (!enabled) {
            return;
        }
        SecurityIdentity who = identity.get();
        for (String role : roles) {
            if (who.hasRole(role)) {
                return;
            }
        }
        throw new ForbiddenException("This needs one of the roles " + String.join(", ", roles));
    }

    /**
     * The councils the caller acts for: the token's {@code authority} claim ({@code reminders.auth.authority-claim});
     * every council with auth off. A bearer JWT and a signed-in person's ID token are read alike.
     */
    public Councils councils() {
        if (!enabled) {
            return Councils.ALL;
        }
        return claim(authorityClaim).map(AuthorityClaim::councils).orElse(Councils.NONE);
    }

    /** A claim of the caller's token: the bearer JWT, or the ID token of a person signed in to the pages. */
    private Optional<Object> claim(String name) {
        SecurityIdentity who = identity.get();
        if (who.isAnonymous() || !(who.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        return Optional.ofNullable(jwt.getClaim(name));
    }

    /** Writing for a council (an event, a preview): 403 unless it is one of the caller's. */
    public void requireWriteFor(String authority) {
        if (!councils().contains(authority)) {
            throw new ForbiddenException("This token may not act for the council named in authority");
        }
    }

    /**
     * Reading a case: a manager, or a caseworker who owns one of its obligations, of one of the caller's councils.
     *
     * @param authority the {@code authority} query parameter, or null
     * @return the case the id names for this caller
     */
    public Uni<CaseRef> readableCase(String caseId, String authority) {
        boolean manager = !enabled || identity.get().hasRole(Roles.MANAGER);
        if (!manager && !identity.get().hasRole(Roles.CASEWORKER)) {
            return Uni.createFrom().failure(new ForbiddenException("Reading cases needs the caseworker or manager role"));
        }
        Councils mine = councils();
        if (authority != null && !authority.isBlank()) {
            mine = mine.and(Councils.of(authority));
        }
        if (mine.none()) {
            return Uni.createFrom().failure(unknown(caseId));
        }
        Councils within = mine;
        return scope.actingFor(within, c -> cases.authoritiesOf(c, caseId, within.all() ? null : within.ids())).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(unknown(caseId));
            }
            if (found.size() > 1) {
                return Uni.createFrom().failure(new AmbiguousCaseProblem(found));
            }
            CaseRef ref = new CaseRef(found.get(0), caseId);
            if (manager) {
                return Uni.createFrom().item(ref);
            }
            String me = participantId().orElse("");
            return scope.actingFor(Councils.of(ref.authority()), c -> obligations.ownsAnyOn(c, ref, me)).chain(owns -> owns ? Uni.createFrom().item(ref)
                    : Uni.createFrom().failure(new ForbiddenException("This case has no obligation of yours")));
        });
    }

    private static NotFoundProblem unknown(String caseId) {
        return new NotFoundProblem("No case " + caseId + " is known to this service in your councils");
    }

    /**
     * Whose obligations a list may show: empty for a manager (all), the caller's own participant id for a
     * caseworker; anyone else is refused.
     */
    public Optional<String> ownerScope() {
        if (!enabled || identity.get().hasRole(Roles.MANAGER)) {
            return Optional.empty();
        }
        if (identity.get().hasRole(Roles.CASEWORKER)) {
            return Optional.of(participantId().orElseThrow(() ->
                    new ForbiddenException("A caseworker's token must name their participant id (participant_id)")));
        }
        throw new ForbiddenException("Reading obligations needs the caseworker or manager role");
    }

    /** The professional themselves, or a manager. */
    public void requireSelfOrManager(String participantId) {
        if (!enabled || identity.get().hasRole(Roles.MANAGER)) {
            return;
        }
        if (!participantId().map(participantId::equals).orElse(false)) {
            throw new ForbiddenException("Only the professional themselves or a manager may do this");
        }
    }

    /**
     * Whose work tray {@code /my} shows: the signed-in professional's own participant id (a caseworker or a manager;
     * {@link #participantId()}). With auth off (dev and test) no one is signed in: the one {@code asked} for
     * ({@code ?participant=}), if any.
     */
    public Optional<String> professional(String asked) {
        if (!enabled) {
            return Optional.ofNullable(asked == null || asked.isBlank() ? null : asked.strip());
        }
        requireAny(Roles.CASEWORKER, Roles.MANAGER);
        return participantId();
    }

    /**
     * The caller's participant id: the {@code participant_id} claim ({@code reminders.auth.participant-claim}), else
     * the token's name; empty when nobody is signed in (or auth is off and nobody sent a token). The same for a bearer
     * JWT and a person signed in to the pages: the pages read who is looking here.
     */
    public Optional<String> participantId() {
        SecurityIdentity who = identity.get();
        if (who.isAnonymous()) {
            return Optional.empty();
        }
        Optional<String> claimed = claim(participantClaim).map(c -> c instanceof JsonString js ? js.getString()
                : c.toString().replace("\"", "")).filter(id -> !id.isBlank());
        return claimed.isPresent() ? claimed : Optional.ofNullable(who.getPrincipal().getName());
    }

    /** Whether the caller has the role; everyone has every role with auth off. */
    public boolean hasRole(String role) {
        return !enabled || identity.get().hasRole(role);
    }

    /** Whether role and council checks apply (off in dev and test). */
    public boolean enabled() {
        return enabled;
    }
}
