package cin.reminders.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * One KRaft Kafka node (broker and controller) in the test JVM, configured like the service's EmbeddedKafka but on
 * fixed ports and a data directory that survives {@link #stop()}, so that it can be stopped and started again where
 * it was (same port, same log, same committed offsets).
 */
final class FaultKafka implements AutoCloseable {

    /** Partitions of every topic (created on first use), case-events among them. */
    static final int PARTITIONS = 3;
    /** The broker's own loggers are chatty at INFO (held here so the levels stick). */
    private static final java.util.List<java.util.logging.Logger> QUIET = java.util.stream.Stream
            .of("kafka", "state.change.logger", "org.apache.kafka", "org.apache.kafka.clients")
            .map(java.util.logging.Logger::getLogger).toList();

    final int port;
    private final int controllerPort;
    private final Path dir;
    private KafkaRaftServer server;
    private boolean formatted;

    FaultKafka(int port, int controllerPort, Path dir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dir = dir;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    synchronized FaultKafka start() throws IOException {
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
        Exit.Procedure refuse = (status, message) -> {
            throw new IllegalStateException("Kafka wanted to end the JVM (" + status + "): " + message);
        };
        Exit.setHaltProcedure(refuse);
        Exit.setExitProcedure(refuse);
        Properties props = config();
        if (!formatted) {
            Files.createDirectories(dir);
            Path file = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(file)) {
                props.store(w, "fault-injection Kafka");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                    "--config", file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IOException("format failed: " + out.toString(StandardCharsets.UTF_8));
            }
            formatted = true;
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return this;
    }

    synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private Properties config() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("metadata.log.dir", dir.resolve("data").toString());
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
        p.put("num.partitions", Integer.toString(PARTITIONS));
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("message.max.bytes", String.valueOf(2 * 1024 * 1024));
        return p;
    }

    @Override
    public void close() {
        stop();
    }
}
