package cin.reminders.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged service ({@code java -jar target/quarkus-app/quarkus-run.jar}) as a real child process, configured
 * through its environment: started, waited for on {@code /q/health/ready}, killed with SIGKILL or stopped with
 * SIGTERM, and its CPU time read from {@code /proc/<pid>/stat}.
 */
final class ServiceProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** USER_HZ: the unit of utime and stime in /proc/<pid>/stat (100 on every Linux we run on). */
    static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * The service's JVM: {@code faults.java-home} or {@code FAULTS_JAVA_HOME} (the service on another Java, e.g. 25, as
     * its image runs it), else the one running the suite.
     */
    static final String JAVA = Path.of(setting("faults.java-home", "FAULTS_JAVA_HOME", System.getProperty("java.home")),
            "bin", "java").toString();
    /** Extra JVM options for the service ({@code faults.jvm-args} or {@code FAULTS_JVM_ARGS}, space-separated). */
    static final List<String> JVM_ARGS = List.of(setting("faults.jvm-args", "FAULTS_JVM_ARGS", "").trim().split("\\s+"))
            .stream().filter(a -> !a.isEmpty()).toList();

    private static String setting(String property, String env, String otherwise) {
        String p = System.getProperty(property);
        if (p != null && !p.isBlank()) {
            return p;
        }
        String e = System.getenv(env);
        return e != null && !e.isBlank() ? e : otherwise;
    }

    final String name;
    final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    ServiceProcess(String name, int port, Map<String, String> env, Path logDir) {
        this.name = name;
        this.port = port;
        this.env = new LinkedHashMap<>(env);
        this.env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        this.log = logDir.resolve(name + ".log");
    }

    Path log() {
        return log;
    }

    ServiceProcess start() throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the IT in the verify phase, after package");
        }
        Files.createDirectories(log.getParent());
        List<String> command = new java.util.ArrayList<>(List.of(JAVA, "-Xmx768m", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(JVM_ARGS);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Files.writeString(log, "==== " + java.time.Instant.now() + " starting " + name + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = pb.start();
        return this;
    }

    /** Waits until {@code /q/health/ready} answers 200; fails if the process dies first. */
    ServiceProcess awaitReady(Duration timeout) {
        try {
            FaultInjectionIT.waitFor(name + " ready").atMost(timeout)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(name + " exited with " + process.exitValue()
                                    + " before it was ready; see " + log);
                        }
                        return ready();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " was not ready within " + timeout + "; see " + log, e);
        }
        return this;
    }

    boolean ready() {
        return status("/q/health/ready") == 200;
    }

    int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Sum of the Prometheus samples of {@code metric} whose labels contain every one of {@code labels}. */
    double metric(String metric, String... labels) {
        double sum = 0;
        for (String line : get("/q/metrics").split("\n")) {
            if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
                continue;
            }
            boolean all = true;
            for (String l : labels) {
                all &= line.contains(l);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook, no graceful hand-back of leases. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 40 s. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** utime + stime of the process so far, in clock ticks. */
    long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": f[0] = state (field 3), so utime (field 14) is f[11], stime (15) is f[12]
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
