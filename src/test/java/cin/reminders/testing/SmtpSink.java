package cin.reminders.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.management.ObjectName;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import cin.reminders.platform.embedded.JvmWideServices;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;

/**
 * What the {@link SmtpSinkResource} SMTP server received, readable from any class loader (a {@code @QuarkusTest}, a
 * plain JUnit test, a test resource).
 * <p>
 * Every delivered copy counts: a mail sent to two recipients is two messages, one in each mailbox. Each returned
 * message carries a {@code Delivered-To} header naming the mailbox (envelope recipient) it was delivered to.
 */
public final class SmtpSink {

    public static final String DELIVERED_TO = "Delivered-To";
    private static final Session SESSION = withOwnContextLoader(() -> Session.getInstance(new Properties()));

    private SmtpSink() {
    }

    /** Starts the sink if no test resource has yet (for plain JUnit tests); returns its Quarkus configuration. */
    public static Map<String, String> start() {
        return new SmtpSinkResource().start();
    }

    public static String host() {
        return config().get("quarkus.mailer.host");
    }

    public static int port() {
        return Integer.parseInt(config().get("quarkus.mailer.port"));
    }

    /** All messages received so far, oldest first, one per delivered copy. */
    public static List<MimeMessage> messages() {
        List<Map.Entry<String, byte[]>> received = invoke("received");
        return withOwnContextLoader(() -> {
            List<MimeMessage> out = new ArrayList<>(received.size());
            for (Map.Entry<String, byte[]> copy : received) {
                out.add(parse(copy.getKey(), copy.getValue()));
            }
            return out;
        });
    }

    /** The messages delivered to the mailbox {@code address} (envelope recipient: To, Cc or Bcc), oldest first. */
    public static List<MimeMessage> to(String address) {
        String wanted = address.trim().toLowerCase(Locale.ROOT);
        return messages().stream().filter(m -> wanted.equals(mailbox(m))).toList();
    }

    /** The mailbox (envelope recipient) a message returned by this class was delivered to. */
    public static String mailbox(MimeMessage message) {
        try {
            String value = message.getHeader(DELIVERED_TO, null);
            return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many delivered copies carry this Message-ID (angle brackets optional). */
    public static long countByMessageId(String messageId) {
        String wanted = normaliseMessageId(messageId);
        return messages().stream().filter(m -> wanted.equals(messageId(m))).count();
    }

    /** Delivered copies per Message-ID (normalised to {@code <id>}), in order of first arrival. */
    public static Map<String, Long> countsByMessageId() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (MimeMessage m : messages()) {
            counts.merge(String.valueOf(messageId(m)), 1L, Long::sum);
        }
        return counts;
    }

    /** The message's Message-ID header as {@code <id>}, or {@code null}. */
    public static String messageId(MimeMessage message) {
        try {
            String id = message.getMessageID();
            return id == null ? null : normaliseMessageId(id);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until at least {@code count} messages (delivered copies) are in the sink and returns them all. The SMTP
     * transaction may end before the copy is stored, so wait for the copies rather than read once.
     */
    public static List<MimeMessage> await(int count, Duration timeout) {
        return await(m -> true, count, timeout);
    }

    /** Waits until at least {@code count} messages match {@code filter}; returns the matching ones. */
    public static List<MimeMessage> await(Predicate<MimeMessage> filter, int count, Duration timeout) {
        AtomicInteger found = new AtomicInteger();
        try {
            // In the caller's thread: the filter may read what the test holds there.
            return Awaitility.await("at least " + count + " messages in the SMTP sink")
                    .atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).pollInSameThread().dontCatchUncaughtExceptions()
                    .until(() -> messages().stream().filter(filter).toList(), matching -> {
                        found.set(matching.size());
                        return matching.size() >= count;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("expected at least " + count + " messages in the SMTP sink within " + timeout
                    + " but found " + found.get(), e);
        }
    }

    /** The decoded text/plain part (of a multipart/alternative or a single-part mail), or {@code null}. */
    public static String text(MimeMessage message) {
        return withOwnContextLoader(() -> firstPart(message, "text/plain"));
    }

    /** The decoded text/html part (of a multipart/alternative or a single-part mail), or {@code null}. */
    public static String html(MimeMessage message) {
        return withOwnContextLoader(() -> firstPart(message, "text/html"));
    }

    /** Deletes everything the sink received. */
    public static void reset() {
        invoke("purge");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * jakarta.mail finds its providers (e.g. {@code StreamProvider}) through the thread context class loader; where
     * that is not the loader of these jakarta.mail classes, the provider is "not a subtype". Use our own.
     */
    private static <T> T withOwnContextLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SmtpSink.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Map<String, String> config() {
        Map<String, String> config = JvmWideServices.find(SmtpSinkResource.SERVICE);
        if (config == null) {
            throw new IllegalStateException("The SMTP sink is not running: use @TestProfile(RealInfrastructure.class)"
                    + " or call SmtpSink.start()");
        }
        return config;
    }

    @SuppressWarnings("unchecked")
    private static <T> T invoke(String operation) {
        config(); // a clear message if the sink is not running
        try {
            return (T) ManagementFactory.getPlatformMBeanServer()
                    .invoke(new ObjectName(SmtpSinkResource.MBEAN_NAME), operation, new Object[0], new String[0]);
        } catch (Exception e) {
            throw new IllegalStateException("SMTP sink " + operation + " failed: " + e, e);
        }
    }

    private static MimeMessage parse(String mailbox, byte[] raw) {
        byte[] header = (DELIVERED_TO + ": " + mailbox + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + raw.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(raw, 0, all, header.length, raw.length);
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(all));
        } catch (MessagingException e) {
            throw new IllegalStateException("Unparseable message in the SMTP sink", e);
        }
    }

    private static String normaliseMessageId(String id) {
        String trimmed = id.trim();
        return trimmed.startsWith("<") ? trimmed : "<" + trimmed + ">";
    }

    private static String firstPart(Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return decode(part);
            }
            if (part.isMimeType("multipart/*") && part instanceof MimePart mimePart) {
                // Parsed straight from the part's bytes: no jakarta.activation handler look-up, which can pick
                // classes from another class loader (the thread context one) in Quarkus tests.
                MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(mimePart));
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    String found = firstPart(child, mimeType);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Could not read the " + mimeType + " part", e);
        }
    }

    /** The part's text, transfer-decoded (quoted-printable, base64) and charset-decoded. */
    private static String decode(Part part) throws MessagingException, IOException {
        String charset = new ContentType(part.getContentType()).getParameter("charset");
        Charset cs = charset == null ? StandardCharsets.US_ASCII : Charset.forName(MimeUtility.javaCharset(charset));
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), cs);
        }
    }
}
