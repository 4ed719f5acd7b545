package cin.reminders.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL of k8s/monitoring: the rules' and the dashboard's expressions, and the metric names they read. */
public final class MonitoringQueries {

    static final Path MONITORING = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .resolve("k8s/monitoring");
    static final Path RULES = MONITORING.resolve("rules/cin-reminders.rules.yaml");
    static final Path DASHBOARD = MONITORING.resolve("grafana/cin-reminders.json");
    private static final Pattern METRIC = Pattern.compile("(?<![A-Za-z0-9_:\"])((?:cin|jvm|kafka)_[a-z0-9_]+)(?![A-Za-z0-9_:(])");

    private MonitoringQueries() {
    }

    /** Every rule's expression (alerts and recording rules). */
    public static List<String> ruleExpressions() throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode group : new YAMLMapper().readTree(RULES.toFile()).path("groups")) {
            group.path("rules").forEach(r -> out.add(r.path("expr").asText()));
        }
        return out;
    }

    /** Every query of the dashboard's panels. */
    public static List<String> dashboardExpressions() throws IOException {
        return dashboardExpressions(new ObjectMapper().readTree(DASHBOARD.toFile()));
    }

    static List<String> dashboardExpressions(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> out.add(t.path("expr").asText())));
        return out;
    }

    /**
     * The metric names an expression reads: identifiers of the service's, the JVM's and the Kafka client's families
     * (recording rules' names, with a colon, are the rules' own; label values in quotes are not names).
     */
    public static Set<String> metricNames(String expr) {
        Set<String> out = new TreeSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
