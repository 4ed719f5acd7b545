package cin.reminders.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A GreenMail SMTP server that counts what it receives by Message-ID instead of keeping 100,000 messages in
 * mailboxes: every delivered copy goes to one counting "user" whose {@code deliver} records the Message-ID. A message
 * counts once GreenMail has read its DATA, i.e. before the service gets its 250 reply.
 */
final class SmtpCounter implements AutoCloseable {

    private final GreenMail greenMail;
    private final Map<String, AtomicLong> byMessageId = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    SmtpCounter() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        CountingUser sink = new CountingUser();
        greenMail.getUserManager().setMessageDeliveryHandler((message, address) -> sink);
    }

    int port() {
        return greenMail.getSmtp().getPort();
    }

    long total() {
        return total.get();
    }

    /** Distinct Message-IDs received. */
    long distinct() {
        return byMessageId.size();
    }

    /** Copies received per Message-ID ({@code <id>}). */
    Map<String, Long> counts() {
        Map<String, Long> out = new java.util.HashMap<>();
        byMessageId.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    void reset() {
        byMessageId.clear();
        total.set(0);
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private final class CountingUser implements GreenMailUser {
        @Override
        public void deliver(MovingMessage message) {
            deliver(message.getMessage());
        }

        @Override
        public void deliver(MimeMessage message) {
            String id;
            try {
                id = message.getMessageID();
            } catch (MessagingException e) {
                id = null;
            }
            byMessageId.computeIfAbsent(String.valueOf(id).trim(), k -> new AtomicLong()).incrementAndGet();
            total.incrementAndGet();
        }

        @Override
        public String getEmail() {
            return "counter@faults.example";
        }

        @Override
        public String getLogin() {
            return "counter";
        }

        @Override
        public void create() {
        }

        @Override
        public void delete() {
        }

        @Override
        public String getPassword() {
            return "";
        }

        @Override
        public void setPassword(String password) {
        }

        @Override
        public void authenticate(String password) {
        }

        @Override
        public String getQualifiedMailboxName() {
            return "counter";
        }
    }
}
