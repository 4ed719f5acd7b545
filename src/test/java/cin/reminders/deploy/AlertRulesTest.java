package cin.reminders.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cin.reminders.testing.RequiredTools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The monitoring under {@code k8s/monitoring}: the alert rules, their tests and runbooks, the PrometheusRule that
 * carries them, and the Grafana dashboard's ConfigMap.
 * <ul>
 * <li>The real {@code promtool} (Debian's {@code prometheus} package) checks the rules file and runs its unit tests
 * on synthetic series. Without promtool the test fails in CI and is skipped elsewhere ({@link RequiredTools}).</li>
 * <li>Every alert has a test where it fires and one where it stays quiet, a severity, a summary and description that
 * name no case, and a runbook_url to a section of docs/OPERATIONS.md that exists.</li>
 * <li>The PrometheusRule's {@code spec.groups} are the rules file's groups, so the two cannot drift. fabric8's model
 * has no class for monitoring.coreos.com (and none is added for one object), so its shape is checked here field by
 * field against the subset of the CRD it uses; the rules themselves are what promtool checked.</li>
 * <li>{@code k8s/monitoring} renders alike with the Java renderer and with {@code kubectl kustomize}; the dashboard's
 * ConfigMap is read strictly by fabric8 and carries the dashboard file unchanged.</li>
 * </ul>
 * That every metric the rules and the dashboard query is one the service exposes is MonitoringMetricsTest's (a live
 * scrape of /q/metrics).
 */
class AlertRulesTest {

    static final Path MONITORING = KubernetesManifestsTest.K8S.resolve("monitoring");
    static final Path RULES = MONITORING.resolve("rules/cin-reminders.rules.yaml");
    static final List<Path> RULE_TESTS = List.of(MONITORING.resolve("rules/cin-reminders.rules.test.yaml"),
            MONITORING.resolve("rules/cin-reminders.calendar.test.yaml"));
    static final Path PROMETHEUS_RULE = MONITORING.resolve("prometheusrule.yaml");
    static final Path DASHBOARD = MONITORING.resolve("grafana/cin-reminders.json");
    static final Path DASHBOARD_CONFIGMAP = MONITORING.resolve("grafana-dashboard.yaml");
    static final Path OPERATIONS = KubernetesManifestsTest.ROOT.resolve("docs/OPERATIONS.md");

    /** The conditions issue 15 asks a person to act on. */
    static final Set<String> ALERTS = Set.of("CinDeadLetterQueueGrowing", "CinNoNoticeSentWhileDue",
            "CinDeliveryFailuresHigh", "CinKafkaConsumerLagGrowing", "CinNotifyRateLimited", "CinNoticeLeasesRecovered",
            "CinOverdueObligationsJumped");
    /** Labels an annotation may name: where, which channel, which council. Never a case, a person or a notice. */
    static final Set<String> ANNOTATION_LABELS = Set.of("namespace", "channel", "authority");
    static final Set<String> SEVERITIES = Set.of("warning", "critical");

    @Test
    void promtoolChecksTheRulesAndTheirTestsPass() throws Exception {
        Path promtool = KubernetesManifestsTest.onPath("promtool").orElseGet(() -> RequiredTools.missing(
                "no promtool on the PATH: the alert rules cannot be checked. Install Debian's prometheus package "
                        + "(apt-get install --no-install-recommends prometheus; .ci/run does)"));
        String check = run(promtool.toString(), "check", "rules", RULES.toString());
        assertTrue(check.contains("SUCCESS"), check);
        List<String> test = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
        RULE_TESTS.forEach(p -> test.add(p.toString()));
        String tested = run(test.toArray(String[]::new));
        assertFalse(tested.contains("FAILED"), tested);
    }

    @Test
    void everyAlertIsTestedFiringAndQuiet() throws IOException {
        Map<String, List<JsonNode>> byAlert = new java.util.HashMap<>();
        for (JsonNode group : KubernetesManifestsTest.YAML.readTree(RULE_TESTS.get(0).toFile()).path("tests")) {
            for (JsonNode t : group.path("alert_rule_test")) {
                byAlert.computeIfAbsent(t.path("alertname").asText(), k -> new ArrayList<>()).add(t.path("exp_alerts"));
            }
        }
        assertEquals(ALERTS, alerts().keySet(), "the alerts in " + RULES);
        for (String alert : ALERTS) {
            List<JsonNode> cases = byAlert.getOrDefault(alert, List.of());
            assertTrue(cases.stream().anyMatch(e -> e.isArray() && !e.isEmpty()), alert + ": a test where it fires");
            assertTrue(cases.stream().anyMatch(e -> e.isArray() && e.isEmpty()), alert + ": a test where it stays quiet");
            for (JsonNode expected : cases) {
                for (JsonNode a : expected) {
                    assertTrue(a.path("exp_annotations").has("summary") && a.path("exp_annotations").has("description"),
                            alert + ": a firing test states the exact annotations: " + a);
                }
            }
        }
    }

    @Test
    void everyAlertHasASeverityAnnotationsWithoutCaseDataAndARunbookThatExists() throws IOException {
        Set<String> anchors = anchors(Files.readString(OPERATIONS));
        Pattern label = Pattern.compile("\\$labels\\.([A-Za-z_][A-Za-z0-9_]*)");
        for (Map.Entry<String, JsonNode> e : alerts().entrySet()) {
            String alert = e.getKey();
            JsonNode rule = e.getValue();
            assertTrue(SEVERITIES.contains(rule.path("labels").path("severity").asText()), alert + ": severity");
            JsonNode annotations = rule.path("annotations");
            assertEquals(Set.of("summary", "description", "runbook_url"), names(annotations), alert + ": annotations");
            for (String name : List.of("summary", "description")) {
                String text = annotations.path(name).asText();
                assertFalse(text.isBlank(), alert + ": " + name);
                Matcher m = label.matcher(text);
                while (m.find()) {
                    assertTrue(ANNOTATION_LABELS.contains(m.group(1)), alert + ": " + name + " names $labels." + m.group(1));
                }
                assertFalse(text.toLowerCase(Locale.ROOT).matches(".*case[ _-]?id.*"), alert + ": " + name + " names a case");
            }
            String runbook = annotations.path("runbook_url").asText();
            assertTrue(runbook.startsWith("docs/OPERATIONS.md#"), alert + ": runbook_url into docs/OPERATIONS.md: " + runbook);
            String anchor = runbook.substring(runbook.indexOf('#') + 1);
            assertEquals(alert.toLowerCase(Locale.ROOT), anchor, alert + ": its runbook is the section named after it");
            assertTrue(anchors.contains(anchor), alert + ": docs/OPERATIONS.md has no section #" + anchor);
            // The output labels the annotations use are ones the expression keeps.
            Matcher by = Pattern.compile("by \\(([^)]*)\\)").matcher(rule.path("expr").asText());
            Set<String> kept = new TreeSet<>();
            while (by.find()) {
                for (String l : by.group(1).split(",")) {
                    kept.add(l.trim());
                }
            }
            Matcher used = label.matcher(annotations.toString());
            while (used.find()) {
                assertTrue(kept.contains(used.group(1)), alert + ": $labels." + used.group(1) + " is aggregated away");
            }
        }
    }

    @Test
    void thePrometheusRuleCarriesTheRulesFileUnchanged() throws IOException {
        JsonNode rules = KubernetesManifestsTest.YAML.readTree(RULES.toFile());
        List<ObjectNode> docs = KubernetesManifestsTest.readDocuments(PROMETHEUS_RULE);
        assertEquals(1, docs.size(), PROMETHEUS_RULE + ": one object");
        ObjectNode pr = docs.get(0);
        assertEquals(rules.path("groups"), pr.path("spec").path("groups"),
                "the PrometheusRule's spec.groups are the rules file's groups (run k8s/monitoring/generate.sh)");
        assertEquals(Set.of("groups"), names(rules), RULES + ": only groups");
    }

    @Test
    void monitoringRendersAlikeWithKubectlAndItsObjectsAreValid() throws Exception {
        KubernetesManifestsTest.Rendered r = KubernetesManifestsTest.render(MONITORING, "monitoring", null, true);
        assertEquals(Set.of("monitoring.coreos.com/v1/PrometheusRule", "v1/ConfigMap"),
                r.raw().stream().map(o -> o.path("apiVersion").asText() + "/" + o.path("kind").asText())
                        .collect(Collectors.toSet()), "objects of k8s/monitoring");
        for (ObjectNode o : r.raw()) {
            String id = o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
            assertEquals("cin-reminders", o.path("metadata").path("labels").path("app.kubernetes.io/name").asText(), id);
            assertEquals("childrens-services", o.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText(), id);
            assertFalse(o.path("metadata").has("namespace"), id + ": applied into the service's namespace (-n)");
        }

        // The dashboard's ConfigMap: strictly by fabric8's schema; the sidecar's label; the dashboard file unchanged.
        List<ObjectNode> configMaps = r.raw().stream().filter(o -> "ConfigMap".equals(o.path("kind").asText())).toList();
        List<HasMetadata> typed = KubernetesManifestsTest.typed(configMaps);
        ConfigMap cm = (ConfigMap) typed.get(0);
        assertEquals("1", cm.getMetadata().getLabels().get("grafana_dashboard"), "the Grafana sidecar's label");
        assertEquals(Files.readString(DASHBOARD), cm.getData().get("cin-reminders.json"),
                "the ConfigMap carries grafana/cin-reminders.json unchanged (run k8s/monitoring/generate.sh)");

        // The PrometheusRule: the fields of monitoring.coreos.com/v1 it uses, and no others (a misspelt field would
        // otherwise be dropped silently by the Operator's CRD validation, or refused at apply time).
        ObjectNode pr = r.raw().stream().filter(o -> "PrometheusRule".equals(o.path("kind").asText())).findFirst().orElseThrow();
        assertEquals(Set.of("apiVersion", "kind", "metadata", "spec"), names(pr));
        assertEquals(Set.of("name", "labels"), names(pr.path("metadata")));
        assertEquals(Set.of("groups"), names(pr.path("spec")));
        for (JsonNode group : pr.path("spec").path("groups")) {
            assertTrue(Set.of("name", "interval", "rules").containsAll(names(group)), "group fields: " + names(group));
            for (JsonNode rule : group.path("rules")) {
                assertTrue(Set.of("alert", "record", "expr", "for", "labels", "annotations").containsAll(names(rule)),
                        "rule fields: " + names(rule));
                assertTrue(rule.path("expr").isTextual(), "expr is a string");
                for (String map : List.of("labels", "annotations")) {
                    rule.path(map).forEach(v -> assertTrue(v.isTextual(), map + " values are strings: " + rule));
                }
            }
        }
    }

    @Test
    void theDashboardParsesAndEveryQueryUsesItsDatasourceAndNamespace() throws IOException {
        JsonNode dashboard = KubernetesManifestsTest.JSON.readTree(DASHBOARD.toFile());
        Set<String> variables = new LinkedHashSet<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertEquals(Set.of("datasource", "namespace"), variables, "template variables");
        assertEquals("prometheus", dashboard.path("templating").path("list").get(0).path("query").asText());
        List<String> exprs = MonitoringQueries.dashboardExpressions(dashboard);
        assertTrue(exprs.size() >= 15, "the dashboard's queries: " + exprs.size());
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.path("title").asText());
            for (JsonNode target : panel.path("targets")) {
                assertEquals("${datasource}", target.path("datasource").path("uid").asText(), panel.path("title").asText());
            }
        }
        Pattern selector = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\{([^}]*)}");
        for (String expr : exprs) {
            Matcher m = selector.matcher(expr);
            assertTrue(m.find(), "a selector: " + expr);
            m.reset();
            while (m.find()) {
                assertTrue(m.group(2).contains("namespace=\"$namespace\""), "every selector is held to $namespace: " + expr);
            }
        }
        Set<String> ids = new java.util.HashSet<>();
        dashboard.path("panels").forEach(p -> assertTrue(ids.add(p.path("id").asText()), "panel ids are unique"));
        // The panels the issue asks for.
        String titles = dashboard.path("panels").toString();
        for (String metric : List.of("cin_obligations_overdue", "cin_notices_settled_total", "cin_notices_dispatch_latency_seconds",
                "cin_ingest_lag_seconds", "cin_ingest_consumer_lag", "cin_dlq_records_total", "cin_notices_rate_limited_total",
                "jvm_memory_used_bytes")) {
            assertTrue(titles.contains(metric), "a panel on " + metric);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The alerting rules of the rules file, by name. */
    static Map<String, JsonNode> alerts() throws IOException {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        for (JsonNode group : KubernetesManifestsTest.YAML.readTree(RULES.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    out.put(rule.path("alert").asText(), rule);
                }
            }
        }
        return out;
    }

    /** GitHub's anchors of a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(String markdown) {
        Set<String> out = new java.util.HashSet<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
                out.add(heading.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return out;
    }

    static Set<String> names(JsonNode node) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    static String run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("promtool", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(MONITORING.resolve("rules").toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 5 minutes");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                fail(String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
