package cin.reminders.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import cin.reminders.obligation.repository.ObligationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ForbiddenException;
import java.util.Optional;
import cin.reminders.platform.config.RemindersConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may do what, outside dev and test ({@code reminders.auth.enabled}): the HTTP permission
 * policy has already insisted on a valid bearer JWT for {@code /api/**}; this checks the role and,
 * for a caseworker, that the case is one of theirs (they own an obligation on it). Refusals are
 * 403 problems.
 */
@ApplicationScoped
public class AccessPolicy {

    private final boolean enabled;
    private final Instance<SecurityIdentity> identity;
    private final Pool pool;
    private final ObligationStore obligations;

    public AccessPolicy(RemindersConfig config,
                        Instance<SecurityIdentity> identity, Pool pool, ObligationStore obligations) {
        this.enabled = config.auth().enabled();
        this.identity = identity;
        this.pool = pool;
        this.obligations = obligations;
    }

    /** POST /api/events: the case-management system only. */
    public void requireIntegration() {
        requireAny(Roles.INTEGRATION);
    }

    /** The dashboard and other views across all cases. */
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

    /** Reading a case: a manager, or a caseworker who owns one of its obligations. */
    public Uni<Void> requireCaseRead(String caseId) {
        if (!enabled || identity.get().hasRole(Roles.MANAGER)) {
            return Uni.createFrom().voidItem();
        }
        if (!identity.get().hasRole(Roles.CASEWORKER)) {
            return Uni.createFrom().failure(new ForbiddenException("Reading cases needs the caseworker or manager role"));
        }
        String me = participantId().orElse("");
        return obligations.ownsAnyOn(pool, caseId, me)
                .chain(owns -> owns ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new ForbiddenException("This case has no obligation of yours")));
    }

    /**
     * Whose obligations a list may show: empty for a manager (all), the caller's own participant id
     * for a caseworker; anyone else is refused.
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

    /** The caller's participant id: the {@code participant_id} claim, else the token's name. */
    public Optional<String> participantId() {
        SecurityIdentity who = identity.get();
        if (who.isAnonymous()) {
            return Optional.empty();
        }
        if (who.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim("participant_id");
            if (claim != null) {
                return Optional.of(claim.toString().replace("\"", ""));
            }
        }
        return Optional.ofNullable(who.getPrincipal().getName());
    }
}
