package cin.reminders.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cin.reminders.testing.RequiredTools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The container image that {@code src/main/image/build.sh} writes ({@code target/image/cin-reminders.tar}, Jib's image
 * plus its AOT cache layer), run the way a container runtime would.
 *
 * <p>Podman cannot run containers in the sandboxes this is built in (crun: "cgroups in hybrid mode not supported";
 * runc: sysfs cannot be mounted), so the image is <b>unpacked</b> instead: skopeo reads the archive, umoci unpacks
 * its layers into a root filesystem, and the entrypoint from the image's config runs there, in a mount namespace of
 * its own (/proc and /dev mounted for it), chrooted, as the image's user, with the image's environment and working
 * directory and the host's network. What a runtime adds beyond that (namespaces, cgroups, seccomp) is not tested.
 *
 * <p>It checks the config (user 185, the entrypoint with the AOT cache, port 8080, labels, no secret-looking
 * variables or files in any layer), then starts the service on its embedded default and waits until
 * {@code /q/health/ready} answers 200, then checks that the process runs as uid 185 from the image's JVM and that
 * the JVM mapped the AOT cache. Needs root (chroot, mounts), skopeo and umoci, and the built image: without them it
 * fails where tools are required ({@link RequiredTools}: .ci/run builds the image first) and is skipped elsewhere.
 */
class ContainerImageTest {

    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path IMAGE = ROOT.resolve("target/image/cin-reminders.tar");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|api[_-]?key|private).*");
    /** Keys, keystores and credential files, by file name (the JRE's public CA list, lib/security/cacerts, is none). */
    static final Pattern SECRET_FILE = Pattern.compile(
            "(?i)(.*\\.(pem|key|p12|pfx|jks|keystore)|id_rsa.*|id_ed25519.*|\\.env|\\.netrc|\\.git-credentials|credentials(\\.json)?)");
    static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|api-key)$");

    Path work;
    Process service;

    @AfterEach
    void stop() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (work != null) {
            deleteTree(work);
        }
    }

    @Test
    void theImageRunsAsItsUserAndAnswersReadyWithTheAotCacheMapped() throws Exception {
        requireTools();
        JsonNode config = JSON.readTree(run("skopeo", "inspect", "--config", "oci-archive:" + IMAGE)).path("config");

        // The config a runtime reads.
        assertEquals("185", config.path("User").asText(), "the image's user (the pod's runAsUser)");
        assertTrue(config.path("ExposedPorts").has("8080/tcp"), "exposes 8080: " + config.path("ExposedPorts"));
        assertEquals("/deployments", config.path("WorkingDir").asText());
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
        assertEquals("java", entrypoint.get(0), "Jib's java entrypoint, no run-java.sh: " + entrypoint);
        assertEquals(List.of("-jar", "quarkus-run.jar"), entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
        for (String option : List.of("-XX:AOTCache=/deployments/app.aot", "-XX:+UseCompactObjectHeaders",
                "-XX:+UseSerialGC", "-XX:NewRatio=5")) {
            assertTrue(entrypoint.contains(option), option + " in " + entrypoint);
        }
        JsonNode labels = config.path("Labels");
        assertEquals("cin-reminders", labels.path("org.opencontainers.image.title").asText());
        assertTrue(labels.path("cin.java.runtime").asText().contains("Temurin-25."), "Java: " + labels);
        assertTrue(labels.path("cin.aot.cache").asText().startsWith("/deployments/app.aot"), "AOT label: " + labels);
        assertTrue(labels.path("org.opencontainers.image.version").asText().matches("\\d+\\.\\d+\\.\\d+.*"));
        Map<String, String> env = new TreeMap<>();
        config.path("Env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            env.put(kv[0], kv.length > 1 ? kv[1] : "");
        });
        env.keySet().forEach(name -> assertTrue(!SECRET_NAME.matcher(name).matches(), "secret-looking variable " + name));

        // Every layer, unpacked into one root filesystem.
        work = Files.createTempDirectory(ROOT.resolve("target"), "image-test-");
        run("skopeo", "copy", "-q", "oci-archive:" + IMAGE, "oci:" + work.resolve("oci") + ":test");
        run("umoci", "unpack", "--image", work.resolve("oci") + ":test", work.resolve("bundle").toString());
        Path rootfs = work.resolve("bundle/rootfs");
        assertTrue(Files.size(rootfs.resolve("deployments/app.aot")) > 10_000_000, "the AOT cache layer");
        // Each layer on its own, so that nothing a later layer hides (a whiteout) goes unseen.
        JsonNode index = JSON.readTree(work.resolve("oci/index.json").toFile());
        JsonNode manifest = JSON.readTree(blob(work, index.path("manifests").get(0).path("digest").asText()).toFile());
        List<String> secrets = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            for (String name : run("tar", "-tzf", blob(work, layer.path("digest").asText()).toString()).split("\n")) {
                String file = name.substring(name.lastIndexOf('/') + 1);
                if (SECRET_FILE.matcher(file).matches() || file.startsWith(".wh.")) {
                    secrets.add(layer.path("digest").asText() + ": " + name);
                }
            }
        }
        assertEquals(List.of(), secrets, "key, keystore, credential or deleted (whiteout) files in a layer");
        assertEquals(7, manifest.path("layers").size(), "base (2), Jib's four of the aot-jar application and the AOT cache (1) layers");
        // The packaged settings name secrets only as references to the environment (the pod's Secrets), never values.
        try (Stream<Path> jars = Files.list(rootfs.resolve("deployments/app"))) {
            for (Path jar : jars.filter(f -> f.toString().endsWith(".jar")).toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    ZipEntry entry = zip.getEntry("application.properties");
                    if (entry == null) {
                        continue;
                    }
                    Properties settings = new Properties();
                    settings.load(zip.getInputStream(entry));
                    settings.stringPropertyNames().stream().filter(k -> SECRET_KEY.matcher(k).matches())
                            .forEach(k -> assertTrue(settings.getProperty(k).isEmpty()
                                    || settings.getProperty(k).startsWith("${"), jar + ": " + k + " has a value"));
                }
            }
        }

        // The entrypoint, as the image's user, in its root filesystem.
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "sh", "-c",
                // Each step execs, so the process below is the JVM in the end.
                "r=\"$1\"; shift; mount -t proc proc \"$r/proc\" && mount --rbind /dev \"$r/dev\" && exec \"$@\"",
                "sh", rootfs.toString(), "env", "-i"));
        env.forEach((name, value) -> command.add(name + "=" + value));
        command.addAll(List.of("QUARKUS_HTTP_PORT=" + port, "JAVA_TOOL_OPTIONS=-Xlog:aot=info",
                onPath("chroot"), "--userspec=185:185", rootfs.toString(),
                "/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", config.path("WorkingDir").asText()));
        command.addAll(entrypoint);
        Path log = ROOT.resolve("target/image-test.log");
        long launched = System.nanoTime();
        service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        await("/q/health/ready answers 200 (log: " + log + ")").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .failFast("the service exited: see " + log, () -> !service.isAlive())
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        System.out.printf("ContainerImageTest: unpacked image ready in %d ms%n",
                Duration.ofNanos(System.nanoTime() - launched).toMillis());

        // The process that answered: uid 185, the image's JVM.
        Path proc = Path.of("/proc", Long.toString(service.pid()));
        String status = Files.readString(proc.resolve("status"));
        assertTrue(Pattern.compile("(?m)^Uid:\\s+185\\s+185\\s+185\\s+185$").matcher(status).find(),
                "runs as uid 185:\n" + status);
        assertEquals(rootfs.resolve("opt/java/openjdk/bin/java").toRealPath(), Files.readSymbolicLink(proc.resolve("exe")),
                "the image's own JVM");

        // The JVM opened and mapped the cache (a cache it cannot use only warns, so this is checked).
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(out.contains("Opened AOT cache /deployments/app.aot"), "AOT cache not opened: see " + log);
        assertTrue(out.contains("Using AOT-linked classes: true"), "AOT-linked classes not used: see " + log);
    }

    static void requireTools() {
        for (String tool : List.of("skopeo", "umoci", "unshare", "chroot")) {
            if (onPathOrNull(tool) == null) {
                RequiredTools.missing("no " + tool + " on the PATH (Debian: apt-get install skopeo umoci)");
            }
        }
        if (!"0".equals(runQuietly("id", "-u"))) {
            RequiredTools.missing("the unpacked image runs through chroot and mounts, which need root");
        }
        if (!Files.isRegularFile(IMAGE)) {
            RequiredTools.missing("no " + IMAGE + ": build it with src/main/image/build.sh (.ci/run does)");
        }
    }

    static Path blob(Path work, String digest) {
        return work.resolve("oci/blobs").resolve(digest.replace(':', '/'));
    }

    static String onPath(String program) {
        String path = onPathOrNull(program);
        if (path == null) {
            fail("no " + program + " on the PATH");
        }
        return path;
    }

    static String onPathOrNull(String program) {
        return KubernetesManifestsTest.onPath(program).map(Path::toString).orElse(null);
    }

    static String runQuietly(String... command) {
        try {
            return run(command).trim();
        } catch (Exception e) {
            return "";
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
