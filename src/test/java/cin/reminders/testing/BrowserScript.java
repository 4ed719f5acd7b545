package cin.reminders.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the browser scripts in {@code src/test/browser/} (Node.js, playwright-core and axe-core from
 * {@code .ci/node_modules}, Debian's Chromium), handing it a JSON object on stdin and taking back the JSON object
 * it prints last. Without Node, the npm tools or Chromium the test fails in CI and is skipped elsewhere
 * ({@link RequiredTools}).
 */
public final class BrowserScript {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path MODULES = ROOT.resolve(".ci/node_modules");
    static final Path SCRIPTS = ROOT.resolve("src/test/browser");

    private BrowserScript() {
    }

    public static JsonObject run(String script, JsonObject in) {
        Path node = onPath("node").orElseGet(() -> RequiredTools.missing(
                "No Node.js on the PATH: install it with `apt-get install nodejs npm`"));
        if (!Files.isDirectory(MODULES.resolve("playwright-core")) || !Files.isDirectory(MODULES.resolve("axe-core"))) {
            RequiredTools.missing("playwright-core and axe-core are not in .ci/node_modules: run `npm ci --prefix .ci`");
        }
        Path chromium = chromium().orElseGet(() -> RequiredTools.missing(
                "No Chromium found (CHROMIUM_BIN, /usr/bin/chromium): install it with `apt-get install chromium`"));
        try {
            Path log = ROOT.resolve("target/browser-" + script.replace(".mjs", "") + ".log");
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(node.toString(), SCRIPTS.resolve(script).toString())
                    .directory(ROOT.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().put("CHROMIUM_BIN", chromium.toString());
            pb.environment().put("CI_NODE_MODULES", MODULES.toString());
            Process process = pb.start();
            process.getOutputStream().write(in.encode().getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(script + " did not finish in 3 minutes");
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            String last = text.substring(text.lastIndexOf('\n') + 1);
            JsonObject result;
            try {
                result = new JsonObject(last);
            } catch (RuntimeException e) {
                return fail(script + " printed no JSON answer (exit " + process.exitValue() + "); stdout: " + text
                        + "; stderr in " + log);
            }
            if (process.exitValue() != 0 || result.containsKey("error")) {
                fail(script + " failed: " + result.getString("error", "exit " + process.exitValue()) + " (stderr in " + log + ")");
            }
            return result;
        } catch (IOException e) {
            return fail("could not run " + script + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** CHROMIUM_BIN, else /usr/bin/chromium, else chromium on the PATH. */
    public static Optional<Path> chromium() {
        String env = System.getenv("CHROMIUM_BIN");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            return Optional.of(Path.of("/usr/bin/chromium"));
        }
        return onPath("chromium");
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
