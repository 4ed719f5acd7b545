package cin.reminders.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import cin.reminders.platform.config.RemindersConfig;

/**
 * The token in a professional's calendar-feed URL: an HMAC of their council and participant id with
 * {@code reminders.calendar.secret} (participant ids are a council's own, so the council is signed too: a link
 * never shows another council's deadlines of someone with the same id). Calendar clients (Outlook) cannot send a bearer JWT, so the
 * URL itself is the credential; rotating the secret revokes every feed.
 */
@ApplicationScoped
public class CalendarTokens {

    private final byte[] secret;

    public CalendarTokens(RemindersConfig config) {
        this.secret = config.calendar().secret().getBytes(StandardCharsets.UTF_8);
    }

    public String tokenFor(String authority, String participantId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("calendar:" + authority + ":" + participantId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean valid(String authority, String participantId, String token) {
        return token != null && authority != null && MessageDigest.isEqual(tokenFor(authority, participantId).getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
