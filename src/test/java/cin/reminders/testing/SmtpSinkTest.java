package cin.reminders.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** The SMTP sink: a multipart/alternative mail in, its parts and Message-ID counts out. */
class SmtpSinkTest {

    private static final String TEXT = "Dear colleague,\nthe review for case 42 is due on 3 March (£0 cost, café).\n";
    private static final String HTML = "<p>Dear colleague,</p><p>the review for case <b>42</b> is due on 3 March"
            + " (£0 cost, café).</p>";

    private static Map<String, String> config;

    @BeforeAll
    static void startSink() {
        config = SmtpSink.start();
    }

    @BeforeEach
    void reset() {
        SmtpSink.reset();
    }

    @Test
    void itOffersTheMailerConfiguration() {
        assertEquals("127.0.0.1", config.get("quarkus.mailer.host"));
        assertEquals(SmtpSink.port(), Integer.parseInt(config.get("quarkus.mailer.port")));
        assertEquals("notices@council.example", config.get("quarkus.mailer.from"));
        assertEquals("false", config.get("quarkus.mailer.mock"));
        assertEquals("DISABLED", config.get("quarkus.mailer.start-tls"));
        assertEquals("NONE", config.get("quarkus.mailer.login"));
        assertEquals(config, SmtpSink.start()); // one server per JVM
    }

    @Test
    void aMultipartAlternativeMailIsReadBackPartByPart() throws Exception {
        String messageId = send("<notice-1@cin-reminders>", "worker@council.example", "manager@council.example");

        List<MimeMessage> messages = SmtpSink.await(2, Duration.ofSeconds(10));
        assertEquals(2, messages.size()); // one copy per recipient
        MimeMessage toWorker = SmtpSink.to("Worker@Council.example").get(0);
        assertEquals("Review due: case 42 (café)", toWorker.getSubject());
        assertEquals("notices@council.example", ((InternetAddress) toWorker.getFrom()[0]).getAddress());
        assertTrue(toWorker.isMimeType("multipart/alternative"), toWorker.getContentType());
        assertEquals(TEXT, SmtpSink.text(toWorker).replace("\r\n", "\n"));
        assertEquals(HTML, SmtpSink.html(toWorker).strip());
        assertEquals("worker@council.example", SmtpSink.mailbox(toWorker));

        assertEquals(messageId, SmtpSink.messageId(toWorker));
        assertEquals(2, SmtpSink.countByMessageId(messageId));
        assertEquals(2, SmtpSink.countByMessageId("notice-1@cin-reminders"));
        assertEquals(1, SmtpSink.to("manager@council.example").size());
        assertTrue(SmtpSink.to("nobody@council.example").isEmpty());
    }

    @Test
    void aResentMessageShowsUpAsASecondCopyOfTheSameMessageId() throws Exception {
        send("<notice-2@cin-reminders>", "worker@council.example");
        send("<notice-2@cin-reminders>", "worker@council.example");
        send("<notice-3@cin-reminders>", "worker@council.example");
        SmtpSink.await(3, Duration.ofSeconds(10));
        assertEquals(Map.of("<notice-2@cin-reminders>", 2L, "<notice-3@cin-reminders>", 1L),
                SmtpSink.countsByMessageId());
        assertEquals(List.of("<notice-2@cin-reminders>", "<notice-2@cin-reminders>", "<notice-3@cin-reminders>"),
                SmtpSink.messages().stream().map(SmtpSink::messageId).toList());
    }

    @Test
    void aPlainTextMailHasNoHtmlPart() throws Exception {
        Session session = session();
        MimeMessage message = new MimeMessage(session);
        message.setFrom("notices@council.example");
        message.setRecipients(Message.RecipientType.TO, "worker@council.example");
        message.setSubject("plain");
        message.setText("just text", "UTF-8");
        Transport.send(message);
        MimeMessage received = SmtpSink.await(1, Duration.ofSeconds(10)).get(0);
        assertEquals("just text", SmtpSink.text(received));
        assertNull(SmtpSink.html(received));
    }

    @Test
    void resetEmptiesTheSink() throws Exception {
        send("<notice-4@cin-reminders>", "worker@council.example");
        SmtpSink.await(1, Duration.ofSeconds(10));
        SmtpSink.reset();
        assertTrue(SmtpSink.messages().isEmpty());
    }

    /** As in a @QuarkusTest: the test's classes come from another class loader than the running server's. */
    @Test
    void theAccessorWorksFromAnotherClassLoader() throws Exception {
        String messageId = send("<notice-5@cin-reminders>", "worker@council.example");
        SmtpSink.await(1, Duration.ofSeconds(10));
        try (URLClassLoader isolated = NotifyStubTest.isolatedLoader()) {
            Class<?> sink = isolated.loadClass(SmtpSink.class.getName());
            assertNotEquals(SmtpSink.class, sink);
            Class<?> mimeMessage = isolated.loadClass(MimeMessage.class.getName());
            assertNotEquals(MimeMessage.class, mimeMessage);

            List<?> messages = (List<?>) sink.getMethod("messages").invoke(null);
            assertEquals(1, messages.size());
            Object message = messages.get(0);
            assertEquals(mimeMessage, message.getClass()); // parsed by that loader's jakarta.mail: nothing shared
            assertEquals(TEXT.strip(), ((String) sink.getMethod("text", mimeMessage).invoke(null, message))
                    .replace("\r\n", "\n").strip());
            assertEquals(HTML, ((String) sink.getMethod("html", mimeMessage).invoke(null, message)).strip());
            assertEquals(1L, sink.getMethod("countByMessageId", String.class).invoke(null, messageId));
            sink.getMethod("reset").invoke(null);
        }
        assertTrue(SmtpSink.messages().isEmpty());
    }

    private static Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", SmtpSink.host());
        props.put("mail.smtp.port", Integer.toString(SmtpSink.port()));
        return Session.getInstance(props);
    }

    /** Sends a multipart/alternative (text, then html, quoted-printable UTF-8) with a fixed Message-ID. */
    private static String send(String messageId, String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(session()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("notices@council.example"));
        for (String address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        message.setSubject("Review due: case 42 (café)", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(TEXT, "UTF-8");
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(HTML, "UTF-8", "html");
        html.setHeader("Content-Transfer-Encoding", "base64");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        Transport.send(message);
        assertNotNull(message.getMessageID());
        return message.getMessageID();
    }
}
