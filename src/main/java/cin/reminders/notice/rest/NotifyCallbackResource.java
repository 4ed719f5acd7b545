package cin.reminders.notice.rest;

import cin.reminders.domain.event.FieldError;
import cin.reminders.domain.event.InvalidEventException;
import cin.reminders.notice.service.DeliveryReceipts;
import cin.reminders.platform.openapi.ApiSecurity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import cin.reminders.notice.config.NotifyConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code POST /api/notify/callbacks}: GOV.UK Notify's delivery receipts. Notify sends the bearer
 * token we chose ({@code notify.callback-token}); without it, or with another, the answer is 401.
 * Without a configured token every call is refused.
 */
@Path("/api/notify/callbacks")
public class NotifyCallbackResource {

    /** The body Notify posts (the fields we use; others are ignored). */
    public record Callback(String id, String reference, String status, String notification_type) {
    }

    private final DeliveryReceipts receipts;
    private final Optional<String> token;

    public NotifyCallbackResource(DeliveryReceipts receipts,
                                  NotifyConfig config) {
        this.receipts = receipts;
        this.token = config.callbackToken().filter(t -> !t.isBlank());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveNotifyCallback", summary = "GOV.UK Notify delivery receipt (bearer token checked)")
    @SecurityRequirement(name = ApiSecurity.NOTIFY_CALLBACK)
    public Uni<Map<String, String>> receive(@HeaderParam("Authorization") String authorization, Callback callback) {
        if (!authorised(authorization)) {
            throw new NotAuthorizedException("Bearer realm=\"notify-callbacks\"");
        }
        List<FieldError> errors = new ArrayList<>();
        if (callback == null) {
            throw new InvalidEventException("body", "must be a Notify callback JSON object");
        }
        UUID reference = null;
        try {
            reference = UUID.fromString(String.valueOf(callback.reference()));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("reference", "must be the notice id this service sent as the reference"));
        }
        if (callback.status() == null || !DeliveryReceipts.known(callback.status())) {
            errors.add(new FieldError("status", "must be one of Notify's statuses (delivered, permanent-failure, ...)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors);
        }
        return receipts.apply(reference, callback.id(), callback.status())
                .map(status -> Map.of("notice", callback.reference(), "status", status.external().name()));
    }

    private boolean authorised(String authorization) {
        if (token.isEmpty() || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8));
    }
}
