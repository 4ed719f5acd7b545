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
 * The token in a professional's calendar-feed URL: an HMAC of their participant id with
 * {@code reminders.calendar.secret}. Calendar clients (Outlook) cannot send a bearer JWT, so the
 * URL itself is the credential; rotating the secret revokes every feed.
 */
@ApplicationScoped
public class CalendarTokens {

    private final byte[] secret;

    public CalendarTokens(RemindersConfig config) {
        this.secret = config.calendar().secret().getBytes(StandardCharsets.UTF_8);
    }

    public String tokenFor(String participantId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("calendar:" + participantId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean valid(String participantId, String token) {
        return token != null && MessageDigest.isEqual(tokenFor(participantId).getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
