package bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SMTP sink: GreenMail (SMTP only) on 127.0.0.1, every message delivered to one catch-all mailbox and
 * counted with its arrival time (then purged every 5 s: the count is what matters). A small HTTP control: {@code GET /count} gives
 * {@code {"count", "firstMs", "lastMs"}} (epoch ms of the first and last arrival), {@code POST /reset}
 * purges the mailbox and the counters.
 * <p>{@code java -cp bench.jar:greenmail-standalone.jar bench.SmtpSink SMTP_PORT CONTROL_PORT}
 */
public final class SmtpSink {
    static final AtomicLong COUNT = new AtomicLong();
    static final AtomicLong FIRST = new AtomicLong();
    static final AtomicLong LAST = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int smtpPort = Integer.parseInt(args[0]);
        int controlPort = Integer.parseInt(args[1]);
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        GreenMailUser sink = mail.setUser("sink@bench.example", "sink", "sink");
        mail.getUserManager().setMessageDeliveryHandler((msg, address) -> {
            long now = System.currentTimeMillis();
            FIRST.compareAndSet(0, now);
            LAST.accumulateAndGet(now, Math::max);
            COUNT.incrementAndGet();
            return sink;
        });
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", controlPort), 0);
        http.setExecutor(Executors.newFixedThreadPool(2));
        http.createContext("/count", ex -> reply(ex, "{\"count\":" + COUNT.get() + ",\"firstMs\":" + FIRST.get()
                + ",\"lastMs\":" + LAST.get() + "}"));
        http.createContext("/reset", ex -> {
            try {
                mail.purgeEmailFromAllMailboxes();
            } catch (Exception e) {
                throw new IOException(e);
            }
            COUNT.set(0);
            FIRST.set(0);
            LAST.set(0);
            reply(ex, "{\"reset\":true}");
        });
        http.start();
        // Counted is enough: purge the stored messages every few seconds so 100k messages do not fill the heap.
        java.util.concurrent.ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor();
        purger.scheduleWithFixedDelay(() -> {
            try {
                mail.purgeEmailFromAllMailboxes();
            } catch (Exception e) {
                System.err.println("purge failed: " + e);
            }
        }, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
        System.out.println("SMTP sink on 127.0.0.1:" + smtpPort + ", control on 127.0.0.1:" + controlPort);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            mail.stop();
        }));
        Thread.currentThread().join();
    }

    static void reply(HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }
}
