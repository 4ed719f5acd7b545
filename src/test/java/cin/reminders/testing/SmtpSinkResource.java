package cin.reminders.testing;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import cin.reminders.platform.embedded.JvmWideServices;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One GreenMail SMTP server (SMTP only, 127.0.0.1, a free port) for every test in the JVM, whichever Quarkus test
 * profile or class loader asks first. Read what it received with {@link SmtpSink}.
 * <p>
 * The server is kept by {@link JvmWideServices}. Its mailboxes are offered to other class loaders through a second
 * platform MBean ({@value #MBEAN_NAME}) whose operations take and return only {@code java.*} types: raw RFC 822 bytes
 * per delivered copy, which {@link SmtpSink} parses with its own jakarta.mail classes. No GreenMail or jakarta.mail
 * object crosses a class-loader boundary.
 */
public class SmtpSinkResource implements QuarkusTestResourceLifecycleManager {

    static final String SERVICE = "smtp-sink";
    static final String MBEAN_NAME = "cin.reminders.testing:type=SmtpSink";
    public static final String FROM = "notices@council.example";

    @Override
    public Map<String, String> start() {
        return JvmWideServices.getOrStart(SERVICE, SmtpSinkResource::startServer);
    }

    @Override
    public void stop() {
        // Shared by all test classes and profiles in this JVM: stopped by a JVM shutdown hook.
    }

    /** The management interface of the mailboxes: {@code java.*} types only, so any class loader can call it. */
    public interface SinkMBean {
        /** Every delivered copy, oldest first, as (envelope recipient, raw RFC 822 bytes). */
        List<Map.Entry<String, byte[]>> received();

        /** Deletes every message from every mailbox. */
        void purge();
    }

    private static JvmWideServices.Started startServer() throws Exception {
        ServerSetup setup = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
        GreenMail greenMail = new GreenMail(setup)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        int port = greenMail.getSmtp().getPort();
        ObjectName name = new ObjectName(MBEAN_NAME);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name)) {
            server.unregisterMBean(name); // left over by a sink that was stopped without unregistering
        }
        server.registerMBean(new StandardMBean(new Sink(greenMail), SinkMBean.class), name);
        Map<String, String> config = Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(port),
                "quarkus.mailer.from", FROM,
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.login", "NONE");
        return new JvmWideServices.Started(config, () -> {
            try {
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
            } finally {
                greenMail.stop();
            }
        });
    }

    private static final class Sink implements SinkMBean {
        private final GreenMail greenMail;

        Sink(GreenMail greenMail) {
            this.greenMail = greenMail;
        }

        @Override
        public List<Map.Entry<String, byte[]>> received() {
            record Copy(String mailbox, long received, long uid, byte[] raw) {
            }
            List<Copy> copies = new ArrayList<>();
            try {
                for (GreenMailUser user : copied(() -> greenMail.getUserManager().listUser())) {
                    var inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
                    for (StoredMessage message : copied(inbox::getMessages)) {
                        ByteArrayOutputStream raw = new ByteArrayOutputStream();
                        message.getMimeMessage().writeTo(raw);
                        copies.add(new Copy(user.getEmail(), message.getReceivedDate().getTime(), message.getUid(),
                                raw.toByteArray()));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("Could not read the SMTP sink's mailboxes: " + e, e);
            }
            copies.sort(Comparator.comparingLong(Copy::received).thenComparingLong(Copy::uid));
            List<Map.Entry<String, byte[]>> out = new ArrayList<>(copies.size());
            copies.forEach(c -> out.add(Map.entry(c.mailbox(), c.raw())));
            return out;
        }

        /**
         * A copy of one of GreenMail's live collections (the users, an inbox's messages), taken while mail may be
         * arriving: a delivery can change it mid-copy (ConcurrentModificationException), and then it is copied again.
         */
        private static <T> List<T> copied(java.util.function.Supplier<? extends java.util.Collection<T>> live) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return List.copyOf(live.get());
                } catch (java.util.ConcurrentModificationException e) {
                    if (attempt == 20) {
                        throw e;
                    }
                    Thread.onSpinWait();
                }
            }
        }

        @Override
        public void purge() {
            try {
                greenMail.purgeEmailFromAllMailboxes();
            } catch (Exception e) {
                throw new IllegalStateException("Could not purge the SMTP sink: " + e, e);
            }
        }
    }
}
