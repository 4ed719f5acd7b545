package cin.reminders.platform.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.jboss.logging.Logger;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * One in-process Kafka node (KRaft, broker and controller combined) on free 127.0.0.1 ports, with its data in a
 * temporary directory that is deleted on {@link #stop()}.
 * <p>
 * One per JVM, whichever class loader asks (see {@link JvmWideServices}); stopped at JVM exit if not before.
 */
public final class EmbeddedKafka {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    private static final Logger LOG = Logger.getLogger(EmbeddedKafka.class);
    private static final String SERVICE = "kafka";
    private static final int ATTEMPTS = 3;
    private static final String DIR_PREFIX = "embedded-kafka-";

    /**
     * Server-side loggers that are noisy at INFO. Held here so that the levels are not lost if the log manager
     * forgets loggers nobody references. The application's clients ({@code org.apache.kafka.clients}) keep theirs.
     */
    private static final List<java.util.logging.Logger> QUIET = Stream
            .of("kafka", "state.change.logger", "org.apache.zookeeper", "org.apache.kafka.server",
                    "org.apache.kafka.controller", "org.apache.kafka.raft", "org.apache.kafka.metadata",
                    "org.apache.kafka.image", "org.apache.kafka.storage", "org.apache.kafka.coordinator",
                    "org.apache.kafka.queue", "org.apache.kafka.security", "org.apache.kafka.network",
                    "org.apache.kafka.snapshot", "org.apache.kafka.timeline", "org.apache.kafka.deferred",
                    "org.apache.kafka.logger", "org.apache.kafka.tools")
            .map(java.util.logging.Logger::getLogger)
            .toList();

    /**
     * Shared with the application's clients, so quietened only while the node starts: the node's configuration is
     * dumped at INFO four times, and its version three times. Quarkus sets its own levels for these in the
     * application, but tests start the broker before the application configures logging.
     */
    private static final List<java.util.logging.Logger> QUIET_WHILE_STARTING = Stream
            .of("org.apache.kafka.common.config.AbstractConfig", "org.apache.kafka.common.utils.AppInfoParser")
            .map(java.util.logging.Logger::getLogger)
            .toList();

    /** Warns on every fresh start ("Performing controller activation. The metadata log appears to be empty"). */
    private static final java.util.logging.Logger CONTROLLER = java.util.logging.Logger
            .getLogger("org.apache.kafka.controller.QuorumController");

    private EmbeddedKafka() {
    }

    /** Starts the node if it is not running yet and returns its bootstrap servers ({@code 127.0.0.1:port}). */
    public static String start() {
        return JvmWideServices.getOrStart(SERVICE, EmbeddedKafka::startNode).get(BOOTSTRAP_SERVERS);
    }

    /** The bootstrap servers of the running node, or {@code null}. */
    public static String bootstrapServers() {
        Map<String, String> properties = JvmWideServices.find(SERVICE);
        return properties == null ? null : properties.get(BOOTSTRAP_SERVERS);
    }

    /** Stops the node and deletes its data. Does nothing if it is not running. */
    public static void stop() {
        JvmWideServices.stop(SERVICE);
    }

    private static JvmWideServices.Started startNode() throws Exception {
        deleteAbandonedDirectories();
        neverEndTheJvm();
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        CONTROLLER.setLevel(Level.SEVERE);
        List<Level> levels = QUIET_WHILE_STARTING.stream().map(java.util.logging.Logger::getLevel).toList();
        QUIET_WHILE_STARTING.forEach(logger -> logger.setLevel(Level.WARNING));
        try {
            return startNodeQuietly();
        } finally {
            for (int i = 0; i < levels.size(); i++) {
                QUIET_WHILE_STARTING.get(i).setLevel(levels.get(i));
            }
        }
    }

    private static JvmWideServices.Started startNodeQuietly() throws Exception {
        long begin = System.nanoTime();
        Exception last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Path dir = Files.createTempDirectory(DIR_PREFIX);
            KafkaRaftServer server = null;
            try {
                int brokerPort = freePort();
                int controllerPort = freePort();
                while (controllerPort == brokerPort) {
                    controllerPort = freePort();
                }
                Properties props = config(dir, brokerPort, controllerPort);
                format(dir, props);
                server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
                // Returns once the broker is unfenced and serving.
                server.startup();
                String bootstrap = "127.0.0.1:" + brokerPort;
                LOG.infof("Embedded Kafka started on %s in %d ms (data in %s)", bootstrap,
                        (System.nanoTime() - begin) / 1_000_000, dir);
                KafkaRaftServer running = server;
                return new JvmWideServices.Started(Map.of(BOOTSTRAP_SERVERS, bootstrap), () -> {
                    running.shutdown();
                    running.awaitShutdown();
                    TempDirectories.deleteRecursively(dir);
                    LOG.infof("Embedded Kafka on %s stopped", bootstrap);
                });
            } catch (Exception e) {
                // Most likely a port taken between probing and binding: try again on other ports.
                last = e;
                LOG.debugf(e, "Embedded Kafka attempt %d failed", attempt);
                if (server != null) {
                    try {
                        server.shutdown();
                        server.awaitShutdown();
                    } catch (RuntimeException ignored) {
                        // already failing
                    }
                }
                TempDirectories.deleteRecursively(dir);
            }
        }
        throw new IllegalStateException("Embedded Kafka did not start after " + ATTEMPTS + " attempts", last);
    }

    /**
     * A Kafka server meets a fatal fault (a corrupt metadata log, say) by halting the JVM through {@link Exit}: that
     * would take the whole application down. Nothing else in this JVM uses {@link Exit}, so make it throw instead.
     */
    private static void neverEndTheJvm() {
        Exit.Procedure refuse = (status, message) -> {
            LOG.errorf("Embedded Kafka met a fatal fault and wanted to end the JVM (status %d): %s", status, message);
            throw new IllegalStateException("Embedded Kafka fatal fault: " + message);
        };
        Exit.setHaltProcedure(refuse);
        Exit.setExitProcedure(refuse);
    }

    private static Properties config(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("metadata.log.dir", dir.resolve("data").toString());
        // One node: everything replicated once.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "3");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Small and quick: a development and test broker.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        return p;
    }

    /** {@code kafka-storage.sh format}: the storage tool is public API, its Formatter is not on the compile path. */
    private static void format(Path dir, Properties props) throws IOException {
        Path file = dir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            props.store(writer, "embedded Kafka");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IOException("Formatting " + dir + " failed (" + rc + "): " + out.toString(StandardCharsets.UTF_8));
        }
    }

    /** Deletes what brokers of killed JVMs left behind (Kafka locks {@code data/.lock} while it runs). */
    private static void deleteAbandonedDirectories() {
        for (Path dir : TempDirectories.abandoned(DIR_PREFIX, "data/.lock")) {
            LOG.infof("Deleting %s, left by an embedded Kafka that is not running any more", dir);
            TempDirectories.deleteRecursively(dir);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
