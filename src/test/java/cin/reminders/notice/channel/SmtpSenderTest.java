package cin.reminders.notice.channel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cin.reminders.domain.delivery.SendResult;
import cin.reminders.domain.notice.NoticeTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import cin.reminders.domain.model.Channel;
import cin.reminders.notice.render.RenderedMessage;
import cin.reminders.testing.RealInfrastructure;
import cin.reminders.testing.SmtpSink;
import cin.reminders.testing.SmtpSinkResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** An email as the SMTP server receives it from {@link SmtpSender}: its headers, as they travel. */
@QuarkusTest
@TestProfile(RealInfrastructure.class)
class SmtpSenderTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    /** A header field with nothing after the colon but spaces, folded or not (RFC 5322 §3.6.3 needs an address). */
    static final Pattern ADDRESS_HEADER = Pattern.compile("(?i)^(Cc|Bcc|Reply-To|To|From)[ \\t]*:(.*)$", Pattern.DOTALL);

    @Inject
    SmtpSender sender;

    @Test
    void anEmailCarriesNoEmptyAddressHeader() throws MessagingException {
        UUID noticeId = UUID.randomUUID();
        String address = "cc-check-" + noticeId + "@council.example";
        RenderedMessage content = new RenderedMessage("Reminder: review meeting on Monday 2 March 2026",
                "<p>Dear Sam Taylor,</p>\n", "Dear Sam Taylor,\n", null, 0, false);

        SendResult result = sender.send(new Outbound(noticeId, Channel.EMAIL, address, content, NoticeTemplate.MEETING_REMINDER, "CASE-CC", null))
                .await().atMost(WAIT);
        assertInstanceOf(SendResult.Sent.class, result, result::toString);

        MimeMessage received = await().atMost(WAIT).until(() -> SmtpSink.to(address), list -> !list.isEmpty()).get(0);
        List<String> headers = Collections.list(received.getAllHeaderLines());
        for (String line : headers) {
            Matcher header = ADDRESS_HEADER.matcher(line);
            if (header.matches()) {
                assertFalse(header.group(2).isBlank(),
                        () -> "an empty " + header.group(1) + " header:\n" + String.join("\n", headers));
            }
        }
        List<String> names = new ArrayList<>();
        for (String line : headers) {
            names.add(line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT));
        }
        assertFalse(names.contains("cc"), () -> "no one is copied:\n" + String.join("\n", headers));
        assertFalse(names.contains("bcc"), () -> "no one is blind-copied:\n" + String.join("\n", headers));
        assertFalse(names.contains("reply-to"), () -> "no reply address is set:\n" + String.join("\n", headers));
        assertEquals(1, received.getHeader("To").length);
        assertTrue(received.getHeader("To")[0].contains(address), () -> String.join("\n", headers));
        assertEquals("<" + noticeId + "@cin-reminders>", SmtpSink.messageId(received));
        assertEquals(noticeId.toString(), received.getHeader("X-Notice-Id")[0]);
        assertEquals(SmtpSinkResource.FROM, ((InternetAddress) received.getFrom()[0]).getAddress());
        assertEquals("Reminder: review meeting on Monday 2 March 2026", received.getSubject());
        assertTrue(received.isMimeType("multipart/alternative"), received.getContentType());
        assertEquals("Dear Sam Taylor,", SmtpSink.text(received).strip());
        assertEquals("<p>Dear Sam Taylor,</p>", SmtpSink.html(received).strip());
    }

    @Test
    void itRefusesMailerSettingsItWouldNotApply() {
        IllegalStateException mock = assertThrows(IllegalStateException.class, () -> new SmtpSender(null,
                Optional.of(SmtpSinkResource.FROM), Optional.empty(), Optional.of(true), Optional.empty()));
        assertTrue(mock.getMessage().contains("quarkus.mailer.mock"), mock.getMessage());
        IllegalStateException approved = assertThrows(IllegalStateException.class, () -> new SmtpSender(null,
                Optional.of(SmtpSinkResource.FROM), Optional.empty(), Optional.of(false),
                Optional.of(List.of(".*@council\\.example"))));
        assertTrue(approved.getMessage().contains("quarkus.mailer.approved-recipients"), approved.getMessage());
    }
}
