package cin.reminders.deploy;

import cin.reminders.testing.RequiredTools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes manifests under {@code k8s/}, checked without a cluster.
 * <ol>
 * <li>Each overlay is rendered by {@link Kustomize}, a small Java implementation of the kustomize features the
 * manifests use, and by the real {@code kubectl kustomize}: both renderings must give the same objects. Without
 * kubectl on the PATH the test never passes: it fails in CI ({@code .ci/run} installs kubectl) and is skipped
 * elsewhere ({@link RequiredTools}), since the Java renderer alone would never be compared with the real one.</li>
 * <li>Every rendered object is read into the fabric8 kubernetes-model class for its kind; a field the schema does not
 * know (a typo, a wrong nesting level) fails the test with its path, and so does a value of the wrong type.</li>
 * <li>What matters for this service is asserted: image and tag, port, probes on the app's real health endpoints, the
 * security context, resources, environment and Secrets, the objects' selectors and the network policy.</li>
 * </ol>
 */
class KubernetesManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");
    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    static final String APP = "cin-reminders";
    static final Map<String, String> PROBE_PATHS = Map.of(
            "startupProbe", "/q/health/started",
            "readinessProbe", "/q/health/ready",
            "livenessProbe", "/q/health/live");
    static final String SECRETS = "cin-reminders-secrets";
    static final String JWT_SECRET = "cin-reminders-jwt";
    static final String JWT_DIR = "/etc/cin-reminders/jwt";
    /** Env var (secret-looking) -> key of {@link #SECRETS}. */
    static final Map<String, String> SECRET_ENV = Map.of(
            "QUARKUS_DATASOURCE_PASSWORD", "db-password",
            "QUARKUS_FLYWAY_PASSWORD", "db-owner-password",
            "QUARKUS_MAILER_PASSWORD", "smtp-password",
            "NOTIFY_API_KEY", "notify-api-key",
            "NOTIFY_CALLBACK_TOKEN", "notify-callback-token",
            "REMINDERS_CALENDAR_SECRET", "calendar-secret",
            "QUARKUS_OIDC_PAGES_CREDENTIALS_SECRET", "oidc-client-secret",
            "QUARKUS_OIDC_PAGES_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", "session-secret");
    static final Set<String> REQUIRED_ENV = Set.of(
            "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "REMINDERS_EMBEDDED_ENABLED",
            "QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT", "QUARKUS_MAILER_FROM", "QUARKUS_MAILER_USERNAME",
            "QUARKUS_MAILER_PASSWORD", "QUARKUS_MAILER_START_TLS", "NOTICES_EMAIL_PROVIDER", "NOTICES_SMS_PROVIDER",
            "NOTICES_LETTER_PROVIDER", "NOTIFY_API_KEY", "NOTIFY_SMS_TEMPLATE_ID", "NOTIFY_EMAIL_TEMPLATE_ID",
            "NOTIFY_LETTER_TEMPLATE_ID", "NOTIFY_CALLBACK_TOKEN",
            "NOTIFY_MAX_PER_MINUTE", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER",
            "REMINDERS_CALENDAR_SECRET", "OTEL_SDK_DISABLED", "OTEL_EXPORTER_OTLP_ENDPOINT", "JAVA_TOOL_OPTIONS",
            "REMINDERS_AUTH_SIGN_IN", "QUARKUS_OIDC_PAGES_AUTH_SERVER_URL", "QUARKUS_OIDC_PAGES_CLIENT_ID",
            "QUARKUS_OIDC_PAGES_CREDENTIALS_SECRET", "QUARKUS_OIDC_PAGES_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET");
    static final Map<String, String> FIXED_ENV = Map.of(
            // Without it a pod with a missing URL would start an embedded, throwaway database.
            "REMINDERS_EMBEDDED_ENABLED", "false",
            // The service's own role, which row-level security holds; the owner runs only the migrations.
            "QUARKUS_DATASOURCE_USERNAME", "cin_service",
            "QUARKUS_FLYWAY_USERNAME", "cin",
            "QUARKUS_MAILER_START_TLS", "REQUIRED",
            "NOTICES_EMAIL_PROVIDER", "smtp",
            "NOTICES_SMS_PROVIDER", "notify",
            "NOTICES_LETTER_PROVIDER", "notify",
            "OTEL_SDK_DISABLED", "false",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", JWT_DIR + "/public-key.pem",
            // People sign in to the pages with the council's identity provider (docs/OPERATIONS.md, "Signing in").
            "REMINDERS_AUTH_SIGN_IN", "true");
    /** Words that make an env var or ConfigMap key a secret (whole words between underscores). */
    static final Set<String> SECRET_WORDS = Set.of("PASSWORD", "KEY", "TOKEN", "SECRET");
    /** GOV.UK Notify: 3,000 requests a minute per API key. */
    static final int NOTIFY_LIMIT_PER_KEY = 3000;

    static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    // ------------------------------------------------------------------------------------------------------------
    // The overlays
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void devOverlay() throws Exception {
        Rendered dev = render("dev");
        assertEquals("cin-reminders-dev", dev.namespace);
        checkOverlay(dev);
        assertEquals("dev", dev.imageTag, "dev runs the moving dev image");
        assertEquals(1, dev.deployment().getSpec().getReplicas(), "dev runs one replica");
        HorizontalPodAutoscaler hpa = dev.one(HorizontalPodAutoscaler.class);
        assertEquals(1, hpa.getSpec().getMinReplicas());
        assertEquals(2, hpa.getSpec().getMaxReplicas());
    }

    @Test
    void prodOverlay() throws Exception {
        Rendered prod = render("prod");
        assertEquals("cin-reminders", prod.namespace);
        checkOverlay(prod);
        assertTrue(prod.imageTag.matches("\\d+\\.\\d+\\.\\d+([-.][0-9A-Za-z.]+)?"),
                "prod runs a pinned release, not " + prod.imageTag);
        assertTrue(prod.deployment().getSpec().getReplicas() >= 3, "prod runs at least three replicas");
        HorizontalPodAutoscaler hpa = prod.one(HorizontalPodAutoscaler.class);
        assertEquals(3, hpa.getSpec().getMinReplicas());
        assertEquals(10, hpa.getSpec().getMaxReplicas());
        assertEquals(1, prod.one(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal(),
                "prod keeps at least one replica through voluntary disruptions");
    }

    @Test
    void prodPodsAreLargerThanDevPods() throws Exception {
        ResourceRequirements dev = render("dev").container().getResources();
        ResourceRequirements prod = render("prod").container().getResources();
        for (String resource : List.of("cpu", "memory")) {
            assertTrue(Quantity.getAmountInBytes(prod.getLimits().get(resource))
                    .compareTo(Quantity.getAmountInBytes(dev.getLimits().get(resource))) >= 0, resource + " limit");
        }
        assertTrue(Quantity.getAmountInBytes(prod.getLimits().get("memory"))
                .compareTo(Quantity.getAmountInBytes(dev.getLimits().get("memory"))) > 0, "prod has more memory");
    }

    /** Everything that must hold in every environment. */
    void checkOverlay(Rendered r) {
        String where = r.overlay + ": ";
        assertFalse(r.objects.isEmpty(), where + "nothing rendered");

        // Namespace, labels, no Secret objects.
        for (HasMetadata o : r.objects) {
            String id = where + o.getKind() + "/" + o.getMetadata().getName();
            assertEquals(r.namespace, o.getMetadata().getNamespace(), id + " namespace");
            Map<String, String> labels = Objects.requireNonNullElse(o.getMetadata().getLabels(), Map.of());
            assertEquals(APP, labels.get("app.kubernetes.io/name"), id + " app.kubernetes.io/name");
            assertEquals("childrens-services", labels.get("app.kubernetes.io/part-of"), id + " part-of");
            assertFalse(o.getKind().equals("Secret"), id + ": Secrets are created in the cluster, never committed");
        }
        Set<String> kinds = r.objects.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
        assertEquals(Set.of("ServiceAccount", "ConfigMap", "Service", "Deployment", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "NetworkPolicy"), kinds, where + "kinds");

        Deployment deployment = r.deployment();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertSelects(where + "Deployment selector", deployment.getSpec().getSelector().getMatchLabels(), podLabels);
        Container c = r.container();

        // Image: cin-reminders with the overlay's tag.
        String repository = r.imageName.substring(r.imageName.lastIndexOf('/') + 1);
        assertEquals(APP, repository, where + "image name");
        assertEquals(r.imageName + ":" + r.imageTag, c.getImage(), where + "image");
        assertFalse(List.of("", "latest").contains(r.imageTag), where + "image tag");

        // Port 8080, named http.
        ContainerPort http = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(where + "no container port named http"));
        assertEquals(8080, http.getContainerPort(), where + "http port");
        assertEquals("TCP", Objects.requireNonNullElse(http.getProtocol(), "TCP"));

        // Probes: each on one of the app's real health endpoints, on the http port.
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("startupProbe", c.getStartupProbe());
        probes.put("readinessProbe", c.getReadinessProbe());
        probes.put("livenessProbe", c.getLivenessProbe());
        probes.forEach((name, probe) -> {
            assertNotNull(probe, where + name + " missing");
            assertNotNull(probe.getHttpGet(), where + name + " is not an HTTP probe");
            assertTrue(PROBE_PATHS.containsValue(probe.getHttpGet().getPath()),
                    where + name + " path " + probe.getHttpGet().getPath() + " is not a health endpoint");
            assertEquals(PROBE_PATHS.get(name), probe.getHttpGet().getPath(), where + name + " path");
            assertEquals("http", probe.getHttpGet().getPort().getStrVal(), where + name + " port");
        });

        // Security: non-root, read-only root filesystem with a writable /tmp, no privilege escalation.
        PodSecurityContext podSecurity = Objects.requireNonNull(pod.getSecurityContext(), where + "pod securityContext");
        SecurityContext security = Objects.requireNonNull(c.getSecurityContext(), where + "container securityContext");
        assertEquals(Boolean.TRUE, podSecurity.getRunAsNonRoot(), where + "pod runAsNonRoot");
        assertEquals(Boolean.TRUE, security.getRunAsNonRoot(), where + "runAsNonRoot");
        assertEquals(185L, security.getRunAsUser(), where + "runAsUser (the image's user)");
        assertEquals(185L, security.getRunAsGroup(), where + "runAsGroup");
        assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), where + "readOnlyRootFilesystem");
        assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), where + "allowPrivilegeEscalation");
        assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), where + "capabilities.drop");
        assertEquals("RuntimeDefault", podSecurity.getSeccompProfile().getType(), where + "seccompProfile");
        VolumeMount tmp = mount(c, "/tmp").orElseThrow(() -> new AssertionError(where + "no volume at /tmp"));
        assertFalse(Boolean.TRUE.equals(tmp.getReadOnly()), where + "/tmp must be writable");
        assertNotNull(volume(pod, tmp.getName()).getEmptyDir(), where + "/tmp is an emptyDir");

        // Service account: the service needs no Kubernetes API token.
        ServiceAccount account = r.one(ServiceAccount.class);
        assertEquals(account.getMetadata().getName(), pod.getServiceAccountName(), where + "serviceAccountName");
        assertEquals(Boolean.FALSE, account.getAutomountServiceAccountToken(), where + "ServiceAccount automount");
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), where + "pod automount");

        // Resources: requests and limits for CPU and memory, requests within limits, room for the JVM.
        ResourceRequirements resources = c.getResources();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = resources.getRequests().get(resource);
            Quantity limit = resources.getLimits().get(resource);
            assertNotNull(request, where + resource + " request");
            assertNotNull(limit, where + resource + " limit");
            assertTrue(Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit)) <= 0,
                    where + resource + " request above limit");
        }
        assertTrue(Quantity.getAmountInBytes(resources.getLimits().get("memory"))
                .compareTo(Quantity.getAmountInBytes(new Quantity("512Mi"))) >= 0, where + "a 300-500 MiB JVM needs 512Mi+");

        // Graceful shutdown: preStop sleep + Quarkus shutdown timeout fit in the grace period.
        long sleep = Long.parseLong(String.join(" ", c.getLifecycle().getPreStop().getExec().getCommand())
                .replaceAll(".*sleep\\s+(\\d+).*", "$1"));
        assertTrue(sleep >= 1 && sleep <= 15, where + "preStop sleep " + sleep);
        assertEquals(30L, pod.getTerminationGracePeriodSeconds(), where + "terminationGracePeriodSeconds");
        assertTrue(sleep + quarkusShutdownTimeout().toSeconds() < pod.getTerminationGracePeriodSeconds(),
                where + "preStop sleep + quarkus.shutdown.timeout must end before the kubelet kills the pod");

        // Prometheus scrapes /q/metrics.
        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"), where + "prometheus.io/scrape");
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"), where + "prometheus.io/path");
        assertEquals("8080", annotations.get("prometheus.io/port"), where + "prometheus.io/port");

        // Environment: what the container actually sees (envFrom ConfigMaps, then env).
        Map<String, EnvVarSource> refs = new LinkedHashMap<>();
        Map<String, String> env = effectiveEnv(r, c, refs);
        Set<String> missing = new TreeSet<>(REQUIRED_ENV);
        missing.removeAll(env.keySet());
        missing.removeAll(refs.keySet());
        assertEquals(Set.of(), missing, where + "environment variables missing");
        FIXED_ENV.forEach((name, value) -> assertEquals(value, env.get(name), where + name));
        // The heap is the pod's (JAVA_TOOL_OPTIONS, read before the image's entrypoint); the collector is the image's.
        assertTrue(env.get("JAVA_TOOL_OPTIONS").contains("-XX:MaxRAMPercentage=50"), where + "JAVA_TOOL_OPTIONS heap (leaves room for the JVM's own memory)");
        assertFalse(env.get("JAVA_TOOL_OPTIONS").contains("GC"),
                where + "JAVA_TOOL_OPTIONS names no collector: the image's (its AOT cache was trained with it) stays");
        assertEquals("jdbc:" + env.get("QUARKUS_DATASOURCE_REACTIVE_URL"), env.get("QUARKUS_DATASOURCE_JDBC_URL"),
                where + "the JDBC (Flyway) and reactive URLs name the same database");
        for (String name : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_MAILER_HOST",
                "OTEL_EXPORTER_OTLP_ENDPOINT")) {
            assertFalse(env.get(name).contains("localhost") || env.get(name).contains("127.0.0.1"),
                    where + name + " points at the pod itself: " + env.get(name));
        }

        // Secrets: every secret-looking variable comes from a Secret; no ConfigMap holds one.
        Set<String> secretLooking = new TreeSet<>();
        for (EnvVar e : c.getEnv()) {
            if (secretLooking(e.getName())) {
                secretLooking.add(e.getName());
                assertNull(e.getValue(), where + e.getName() + " has a literal value: it must come from a Secret");
                SecretKeySelector ref = e.getValueFrom() == null ? null : e.getValueFrom().getSecretKeyRef();
                assertNotNull(ref, where + e.getName() + " must come from a secretKeyRef");
                assertEquals(SECRETS, ref.getName(), where + e.getName() + " Secret");
                assertEquals(SECRET_ENV.get(e.getName()), ref.getKey(), where + e.getName() + " Secret key");
                assertFalse(Boolean.TRUE.equals(ref.getOptional()), where + e.getName() + " must not be optional");
            }
        }
        assertEquals(new TreeSet<>(SECRET_ENV.keySet()), secretLooking, where + "secret-looking variables");
        for (String name : env.keySet()) {
            assertFalse(secretLooking(name), where + name + " comes from a ConfigMap or a literal");
        }
        for (ConfigMap cm : r.all(ConfigMap.class)) {
            for (String key : Objects.requireNonNullElse(cm.getData(), Map.<String, String>of()).keySet()) {
                assertFalse(secretLooking(key), where + "ConfigMap " + cm.getMetadata().getName() + " holds " + key);
            }
        }
        for (EnvFromSource from : c.getEnvFrom()) {
            assertNull(from.getSecretRef(), where + "envFrom a Secret hides which variables are secret");
        }

        // The JWT public key: the Secret mounted read-only where MP_JWT_VERIFY_PUBLICKEY_LOCATION points.
        VolumeMount jwtMount = mount(c, JWT_DIR).orElseThrow(() -> new AssertionError(where + "no mount at " + JWT_DIR));
        assertEquals(Boolean.TRUE, jwtMount.getReadOnly(), where + "JWT mount read-only");
        Volume jwt = volume(pod, jwtMount.getName());
        assertNotNull(jwt.getSecret(), where + "JWT volume is a Secret");
        assertEquals(JWT_SECRET, jwt.getSecret().getSecretName(), where + "JWT Secret");
        assertTrue(jwt.getSecret().getItems().stream()
                        .anyMatch(i -> "public-key.pem".equals(i.getKey()) && "public-key.pem".equals(i.getPath())),
                where + "JWT Secret key public-key.pem");

        // Service: port 80 to the named container port, selecting the Deployment's pods.
        Service service = r.one(Service.class);
        assertSelects(where + "Service selector", service.getSpec().getSelector(), podLabels);
        ServicePort servicePort = service.getSpec().getPorts().get(0);
        assertEquals(1, service.getSpec().getPorts().size(), where + "one Service port");
        assertEquals(80, servicePort.getPort(), where + "Service port");
        assertEquals("http", servicePort.getTargetPort().getStrVal(), where + "Service targetPort");

        // Autoscaler: CPU 70 % on this Deployment; the Deployment's replicas within its range.
        HorizontalPodAutoscaler hpa = r.one(HorizontalPodAutoscaler.class);
        assertEquals("apps/v1", hpa.getSpec().getScaleTargetRef().getApiVersion(), where + "HPA target apiVersion");
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind(), where + "HPA target kind");
        assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName(), where + "HPA target");
        MetricSpec metric = hpa.getSpec().getMetrics().get(0);
        assertEquals(1, hpa.getSpec().getMetrics().size(), where + "one HPA metric");
        assertEquals("cpu", metric.getResource().getName(), where + "HPA metric");
        assertEquals("Utilization", metric.getResource().getTarget().getType(), where + "HPA metric type");
        assertEquals(70, metric.getResource().getTarget().getAverageUtilization(), where + "HPA CPU target");
        int min = hpa.getSpec().getMinReplicas();
        int max = hpa.getSpec().getMaxReplicas();
        int replicas = deployment.getSpec().getReplicas();
        assertTrue(1 <= min && min <= replicas && replicas <= max, where + "min " + min + " <= replicas " + replicas + " <= max " + max);

        // Notify pacing is per replica: all replicas together stay within the key's 3,000 a minute.
        int perMinute = Integer.parseInt(env.get("NOTIFY_MAX_PER_MINUTE"));
        assertEquals(NOTIFY_LIMIT_PER_KEY / max, perMinute, where + "NOTIFY_MAX_PER_MINUTE = 3000 / maxReplicas " + max);

        // Disruption budget: selects the pods, never blocks a drain at minimum scale, keeps one when there are two.
        PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class);
        assertSelects(where + "PDB selector", pdb.getSpec().getSelector().getMatchLabels(), podLabels);
        IntOrString minAvailable = pdb.getSpec().getMinAvailable();
        IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
        assertTrue(minAvailable == null ^ maxUnavailable == null, where + "PDB: exactly one of minAvailable, maxUnavailable");
        assertTrue((minAvailable == null || minAvailable.getIntVal() != null)
                && (maxUnavailable == null || maxUnavailable.getIntVal() != null), where + "PDB uses pod counts");
        int disruptable = minAvailable != null ? min - minAvailable.getIntVal() : Math.min(min, maxUnavailable.getIntVal());
        assertTrue(disruptable >= 1, where + "the PDB would block every node drain at " + min + " replica(s)");
        if (min >= 2) {
            assertTrue(min - disruptable >= 1, where + "the PDB lets every replica go at once");
        }

        // Network policy: the pods; ingress 8080 only from ingress-nginx and monitoring; the egress the service needs.
        NetworkPolicy policy = r.one(NetworkPolicy.class);
        assertSelects(where + "NetworkPolicy podSelector", policy.getSpec().getPodSelector().getMatchLabels(), podLabels);
        assertEquals(Set.of("Ingress", "Egress"), new HashSet<>(policy.getSpec().getPolicyTypes()), where + "policyTypes");
        Set<String> sources = new TreeSet<>();
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            assertFalse(rule.getPorts().isEmpty(), where + "an ingress rule without ports opens every port");
            for (NetworkPolicyPort port : rule.getPorts()) {
                assertEquals(8080, port.getPort().getIntVal(), where + "ingress port");
                assertNull(port.getEndPort(), where + "ingress port range");
            }
            assertFalse(rule.getFrom().isEmpty(), where + "an ingress rule without from admits everyone");
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                assertNull(peer.getIpBlock(), where + "ingress ipBlock");
                assertNull(peer.getPodSelector(), where + "ingress podSelector (any pod of the namespace is meant)");
                assertNotNull(peer.getNamespaceSelector(), where + "ingress peer without namespaceSelector");
                Map<String, String> match = peer.getNamespaceSelector().getMatchLabels();
                assertEquals(Set.of("kubernetes.io/metadata.name"), match.keySet(), where + "namespaceSelector");
                sources.add(match.get("kubernetes.io/metadata.name"));
            }
        }
        assertEquals(Set.of("ingress-nginx", "monitoring"), sources, where + "ingress sources");
        Map<String, Integer> egress = new LinkedHashMap<>();
        egress.put("UDP/53 DNS", 53);
        egress.put("TCP/53 DNS", 53);
        egress.put("TCP/5432 PostgreSQL", 5432);
        egress.put("TCP/9092 Kafka", 9092);
        egress.put("TCP/9093 Kafka TLS", 9093);
        egress.put("TCP/587 SMTP", 587);
        egress.put("TCP/443 GOV.UK Notify", 443);
        egress.put("TCP/4317 OTLP", 4317);
        egress.forEach((what, port) -> assertTrue(allowsEgress(policy, what.substring(0, 3), port),
                where + "NetworkPolicy blocks egress " + what));
        assertFalse(allowsEgress(policy, "TCP", 80), where + "NetworkPolicy allows any egress (e.g. TCP/80)");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Examples, image, and the checks themselves
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void examplesAreNeverDeployedAndMatchWhatTheDeploymentReferences() throws Exception {
        Set<Path> deployed = new HashSet<>();
        for (String overlay : List.of("dev", "prod")) {
            deployed.addAll(render(overlay).files);
        }
        Path examples = K8S.resolve("examples");
        for (Path file : deployed) {
            assertFalse(file.startsWith(examples), file + " is an example and must not be in a kustomization");
        }
        try (Stream<Path> files = Files.list(examples)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                assertFalse(readDocuments(file).isEmpty(), file + " parses as YAML");
            }
        }
        // The example Secrets have exactly the keys the Deployment reads, and only placeholder values.
        Map<String, Set<String>> exampleKeys = new LinkedHashMap<>();
        for (ObjectNode secret : readDocuments(examples.resolve("secrets.example.yaml"))) {
            assertEquals("Secret", secret.path("kind").asText());
            assertFalse(secret.has("data"), "use stringData with placeholders, not base64 data");
            Set<String> keys = new TreeSet<>();
            secret.path("stringData").properties().forEach(e -> {
                keys.add(e.getKey());
                assertTrue(e.getValue().asText().contains("REPLACE"), "placeholder value for " + e.getKey());
            });
            exampleKeys.put(secret.path("metadata").path("name").asText(), keys);
        }
        assertEquals(Map.of(SECRETS, new TreeSet<>(SECRET_ENV.values()), JWT_SECRET, Set.of("public-key.pem")), exampleKeys);
    }

    /** The image Jib builds (src/main/image/build.sh; run by ContainerImageTest) is the one the pod expects. */
    @Test
    void imageRunsAsThePodsUserAndExposesThePort() throws IOException {
        Properties app = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve("src/main/resources/application.properties"))) {
            app.load(in);
        }
        assertEquals("185", app.getProperty("quarkus.jib.user"), "the image's user is the pod's runAsUser");
        assertEquals("8080", app.getProperty("quarkus.jib.ports"), "the image exposes the http port");
        assertTrue(app.getProperty("quarkus.container-image.image").startsWith(APP + ":"), "the image's name");
        assertEquals("dev", app.getProperty("quarkus.container-image.additional-tags"), "the dev overlay's tag");
        List<String> jvm = List.of(app.getProperty("quarkus.jib.jvm-additional-arguments").split(","));
        assertTrue(jvm.contains("-XX:+UseSerialGC"), "the collector, as benchmarked: " + jvm);
        assertTrue(jvm.contains("-XX:AOTCache=/deployments/app.aot"), "the AOT cache build.sh adds: " + jvm);
        assertFalse(Files.exists(ROOT.resolve("src/main/docker")), "one image definition: Jib's, not a Dockerfile");
    }

    /** The schema check is only worth something if it catches a misspelt field: a negative control. */
    @Test
    void schemaCheckNamesAnUnknownField() throws IOException {
        ObjectNode deployment = (ObjectNode) YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinesProbe: {httpGet: {path: /q/health/ready, port: http}}
                          resources: {limits: {memory: 1Gi}}
                """);
        AssertionError error = assertThrows(AssertionError.class, () -> typed(List.of(deployment)));
        assertTrue(error.getMessage().contains("spec.template.spec.containers[0].readinesProbe"), error.getMessage());

        ObjectNode wrongType = (ObjectNode) YAML.readTree("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: x}
                data: {QUARKUS_MAILER_PORT: 587}
                """);
        error = assertThrows(AssertionError.class, () -> typed(List.of(wrongType)));
        assertTrue(error.getMessage().contains("data.QUARKUS_MAILER_PORT"), error.getMessage());
    }

    /** The Java renderer refuses what it does not implement, rather than rendering something else than kubectl. */
    @Test
    void rendererRefusesUnsupportedFeatures(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: []
                configMapGenerator:
                  - name: x
                    literals: [a=b]
                """);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Kustomize().build(dir));
        assertTrue(error.getMessage().contains("configMapGenerator"), error.getMessage());
    }

    /** The renderer's strategic merge: maps merge, lists with a merge key merge by it, other lists and null replace. */
    @Test
    void rendererMergesLikeAStrategicMergePatch(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("base"));
        Files.writeString(dir.resolve("base/kustomization.yaml"), "resources: [deployment.yaml]\n");
        Files.writeString(dir.resolve("base/deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      containers:
                        - name: a
                          image: app:1
                          args: [x, y]
                          env: [{name: A, value: "1"}, {name: B, value: "2"}, {name: D, value: "5"}]
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                namespace: test-ns
                resources: [base]
                images: [{name: app, newName: registry.example/app, newTag: "2"}]
                replicas: [{name: d, count: 4}]
                patches: [{path: patch.yaml}]
                """);
        Files.writeString(dir.resolve("patch.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      containers:
                        - name: a
                          args: [z]
                          env: [{name: B, value: "3"}, {name: C, value: "4"}, {name: A, value: null}]
                """);
        Rendered r = render(dir, "test", "test-ns", true);
        ObjectNode container = (ObjectNode) r.raw.get(0).at("/spec/template/spec/containers/0");
        assertEquals("registry.example/app:2", container.path("image").asText());
        assertEquals(YAML.readTree("[z]"), container.path("args"));
        assertEquals(YAML.readTree("[{name: B, value: '3'}, {name: C, value: '4'}, {name: A}, {name: D, value: '5'}]"),
                container.path("env"));
        assertEquals(4, r.raw.get(0).at("/spec/replicas").asInt());
        assertEquals("test-ns", r.raw.get(0).at("/metadata/namespace").asText());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Rendering: Java, and kubectl kustomize
    // ------------------------------------------------------------------------------------------------------------

    static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    static Rendered render(String overlay) throws Exception {
        Rendered cached = CACHE.get(overlay);
        if (cached == null) {
            Path dir = K8S.resolve("overlays").resolve(overlay);
            ObjectNode kustomization = (ObjectNode) YAML.readTree(dir.resolve("kustomization.yaml").toFile());
            cached = render(dir, overlay, kustomization.path("namespace").asText(), false);
            CACHE.put(overlay, cached);
        }
        return cached;
    }

    static Rendered render(Path dir, String name, String namespace, boolean rawOnly) throws IOException, InterruptedException {
        Kustomize kustomize = new Kustomize();
        List<ObjectNode> java = kustomize.build(dir);
        Path kubectl = onPath("kubectl").orElseGet(() -> RequiredTools.missing("no kubectl on the PATH: " + name
                + " cannot be compared with kubectl kustomize. Install kubectl 1.27 or later (as docs/OPERATIONS.md asks;"
                + " .ci/run installs Debian's)"));
        assertSameObjects(name, java, kubectlKustomize(kubectl, dir));
        if (rawOnly) {
            return new Rendered(name, namespace, java, List.of(), kustomize.files, null, null);
        }
        String image = APP;
        String tag = null;
        ObjectNode k = (ObjectNode) YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        for (JsonNode entry : k.path("images")) {
            if (APP.equals(entry.path("name").asText())) {
                image = entry.path("newName").asText(APP);
                tag = entry.path("newTag").asText(null);
            }
        }
        assertNotNull(tag, name + ": the overlay sets the image tag (images: newTag)");
        return new Rendered(name, namespace, java, typed(java), kustomize.files, image, tag);
    }

    record Rendered(String overlay, String namespace, List<ObjectNode> raw, List<HasMetadata> objects, Set<Path> files,
                    String imageName, String imageTag) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type) {
            List<T> found = all(type);
            assertEquals(1, found.size(), overlay + ": one " + type.getSimpleName());
            return found.get(0);
        }

        Deployment deployment() {
            Deployment d = one(Deployment.class);
            assertEquals(APP, d.getMetadata().getName());
            return d;
        }

        Container container() {
            List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
            assertEquals(1, containers.size(), overlay + ": one container");
            assertEquals(APP, containers.get(0).getName());
            return containers.get(0);
        }
    }

    static Optional<Path> onPath(String program) {
        for (String dir : Objects.requireNonNullElse(System.getenv("PATH"), "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program)) && !Files.isDirectory(Path.of(dir, program))) {
                return Optional.of(Path.of(dir, program));
            }
        }
        return Optional.empty();
    }

    static List<ObjectNode> kubectlKustomize(Path kubectl, Path dir) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("kubectl-kustomize", ".err");
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("kubectl kustomize " + dir + " did not finish in 2 minutes");
            }
            if (process.exitValue() != 0) {
                fail("kubectl kustomize " + dir + " failed (" + process.exitValue() + "): " + Files.readString(stderr));
            }
            return readDocuments(new String(out, StandardCharsets.UTF_8), "kubectl kustomize " + dir);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** Same objects, in any order: compared as parsed trees (key order and YAML style do not matter). */
    static void assertSameObjects(String overlay, List<ObjectNode> java, List<ObjectNode> kubectl) {
        Map<String, ObjectNode> byIdJava = byId(java);
        Map<String, ObjectNode> byIdKubectl = byId(kubectl);
        assertEquals(byIdKubectl.keySet(), byIdJava.keySet(),
                overlay + ": objects rendered by kubectl kustomize (expected) and by the Java renderer (actual)");
        List<String> differences = new ArrayList<>();
        byIdJava.forEach((id, node) -> diff(node, byIdKubectl.get(id), id + ":", differences));
        assertEquals(List.of(), differences, overlay + ": Java renderer vs kubectl kustomize");
    }

    static Map<String, ObjectNode> byId(List<ObjectNode> objects) {
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (ObjectNode o : objects) {
            String id = o.path("apiVersion").asText() + "/" + o.path("kind").asText() + "/"
                    + o.path("metadata").path("namespace").asText("") + "/" + o.path("metadata").path("name").asText();
            assertNull(byId.put(id, o), "rendered twice: " + id);
        }
        return byId;
    }

    static void diff(JsonNode java, JsonNode kubectl, String path, List<String> out) {
        diff(java, kubectl, path, out, "java", "kubectl");
    }

    /** Adds one line per path where a and b differ (numbers compare by value: 185 as int or long is 185). */
    static void diff(JsonNode a, JsonNode b, String path, List<String> out, String nameA, String nameB) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.properties().forEach(e -> names.add(e.getKey()));
            b.properties().forEach(e -> names.add(e.getKey()));
            for (String name : names) {
                diff(a.get(name), b.get(name), path + (path.isEmpty() || path.endsWith(":") ? "" : ".") + name, out,
                        nameA, nameB);
            }
        } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(a.get(i), b.get(i), path + "[" + i + "]", out, nameA, nameB);
            }
        } else if (a != null && b != null && a.isIntegralNumber() && b.isIntegralNumber()) {
            if (!a.bigIntegerValue().equals(b.bigIntegerValue())) {
                out.add(path + " " + nameA + "=" + a + " " + nameB + "=" + b);
            }
        } else if (!Objects.equals(a, b)) {
            out.add(path + " " + nameA + "=" + (a == null ? "(absent)" : a) + " " + nameB + "=" + (b == null ? "(absent)" : b));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Schema: fabric8 kubernetes-model types
    // ------------------------------------------------------------------------------------------------------------

    /** Reads every object into its fabric8 type; fails naming every unknown field and every value of the wrong type. */
    static List<HasMetadata> typed(List<ObjectNode> raw) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ObjectNode node : raw) {
            String kind = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
            String id = node.path("kind").asText() + "/" + node.path("metadata").path("name").asText();
            Class<? extends HasMetadata> type = TYPES.get(kind);
            if (type == null) {
                problems.add(id + ": no schema for " + kind + " (add its fabric8 class to TYPES)");
                continue;
            }
            HasMetadata object;
            try {
                object = JSON.treeToValue(node, type);
            } catch (IOException | IllegalArgumentException e) {
                problems.add(id + ": " + e.getMessage());
                continue;
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(object, "", unknown);
            unknown.forEach(path -> problems.add(id + ": unknown field " + path));
            // Round trip: a value the schema coerced (a number where Kubernetes wants a string) or dropped differs.
            if (unknown.isEmpty()) {
                List<String> changed = new ArrayList<>();
                diff(node, JSON.valueToTree(object), "", changed, "manifest", "schema");
                changed.forEach(d -> problems.add(id + ": not what the schema reads back (wrong type?): " + d));
            }
            objects.add(object);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Kubernetes schema:\n  " + String.join("\n  ", problems));
        }
        return objects;
    }

    /** Walks a fabric8 object graph; fabric8 keeps the fields its schema does not know in additionalProperties. */
    static void unknownFields(Object value, String path, List<String> out) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, out));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                unknownFields(element, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        try {
            Object extra = value.getClass().getMethod("getAdditionalProperties").invoke(value);
            if (extra instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> out.add((path + "." + k).substring(1)));
            }
        } catch (NoSuchMethodException e) {
            // no additional properties: nothing unknown can hide here
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        if (value instanceof Quantity || value instanceof AnyType) {
            return; // scalars in YAML, with their own (de)serializers
        }
        BeanDescription bean = JSON.getSerializationConfig().introspect(JSON.constructType(value.getClass()));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor != null && !"additionalProperties".equals(property.getName())) {
                unknownFields(accessor.getValue(value), path + "." + property.getName(), out);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------------

    /** PASSWORD, KEY, TOKEN or SECRET as a word: NOTIFY_API_KEY is, MP_JWT_VERIFY_PUBLICKEY_LOCATION (a path) is not. */
    static boolean secretLooking(String name) {
        return Stream.of(name.toUpperCase().split("[_.-]")).anyMatch(SECRET_WORDS::contains);
    }

    static Map<String, String> effectiveEnv(Rendered r, Container c, Map<String, EnvVarSource> refs) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                ConfigMap cm = r.all(ConfigMap.class).stream().filter(m -> name.equals(m.getMetadata().getName()))
                        .findFirst().orElseThrow(() -> new AssertionError(r.overlay + ": envFrom ConfigMap " + name + " is not rendered"));
                String prefix = Objects.requireNonNullElse(from.getPrefix(), "");
                cm.getData().forEach((k, v) -> env.put(prefix + k, v));
            }
        }
        for (EnvVar e : c.getEnv()) {
            if (e.getValueFrom() != null) {
                env.remove(e.getName());
                refs.put(e.getName(), e.getValueFrom());
            } else {
                refs.remove(e.getName());
                env.put(e.getName(), Objects.requireNonNullElse(e.getValue(), ""));
            }
        }
        return env;
    }

    static Optional<VolumeMount> mount(Container c, String path) {
        return c.getVolumeMounts().stream().filter(m -> path.equals(m.getMountPath())).findFirst();
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> name.equals(v.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    static void assertSelects(String what, Map<String, String> selector, Map<String, String> labels) {
        assertNotNull(selector, what);
        assertFalse(selector.isEmpty(), what + " is empty: it would select every pod");
        selector.forEach((k, v) -> assertEquals(v, labels.get(k), what + " " + k + " does not match the pod template"));
    }

    static boolean allowsEgress(NetworkPolicy policy, String protocol, int port) {
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            if (rule.getPorts().isEmpty()) {
                return true;
            }
            for (NetworkPolicyPort p : rule.getPorts()) {
                String proto = Objects.requireNonNullElse(p.getProtocol(), "TCP");
                if (!proto.equals(protocol)) {
                    continue;
                }
                if (p.getPort() == null) {
                    return true;
                }
                Integer from = p.getPort().getIntVal();
                if (from != null && from <= port && port <= Objects.requireNonNullElse(p.getEndPort(), from)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Duration quarkusShutdownTimeout() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String value = properties.getProperty("quarkus.shutdown.timeout");
        if (value == null) {
            return Duration.ZERO;
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m)?").matcher(value.trim());
        assertTrue(m.matches(), "quarkus.shutdown.timeout " + value);
        long n = Long.parseLong(m.group(1));
        return switch (Objects.requireNonNullElse(m.group(2), "s")) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    static List<ObjectNode> readDocuments(Path file) throws IOException {
        return readDocuments(Files.readString(file), file.toString());
    }

    static List<ObjectNode> readDocuments(String yaml, String source) throws IOException {
        List<ObjectNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!(doc instanceof ObjectNode object)) {
                    throw new IllegalArgumentException(source + ": a document is not a mapping: " + doc);
                }
                documents.add(object);
            }
        }
        return documents;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The Java renderer
    // ------------------------------------------------------------------------------------------------------------

    /**
     * A small kustomize: {@code resources} (files and directories), {@code namespace}, {@code images}, {@code replicas},
     * {@code labels} (without selectors) and {@code patches} with strategic-merge patch files or inline patches,
     * applied in kustomize's order (patches, namespace, labels, replicas, images). Anything else is refused.
     * <p>
     * Strategic merge: maps merge; {@code null} deletes; lists with a Kubernetes merge key (containers, env, volumes by
     * name, volumeMounts by mountPath, container ports by containerPort, Service ports by port) merge by that key, the
     * patch's elements first in the patch's order, then the others in theirs; other lists are replaced. {@code $patch} directives are refused.
     */
    static final class Kustomize {

        static final Set<String> FEATURES = Set.of("apiVersion", "kind", "resources", "namespace", "images", "replicas",
                "labels", "patches");
        static final Set<String> CLUSTER_SCOPED = Set.of("ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
                "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass", "ValidatingWebhookConfiguration",
                "MutatingWebhookConfiguration", "APIService");
        static final Set<String> WORKLOADS = Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job",
                "ReplicationController");
        static final Set<String> SCALABLE = Set.of("Deployment", "ReplicaSet", "StatefulSet", "ReplicationController");

        final Set<Path> files = new LinkedHashSet<>();

        List<ObjectNode> build(Path dir) throws IOException {
            Path file = dir.resolve("kustomization.yaml");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(dir + ": no kustomization.yaml");
            }
            files.add(file.toAbsolutePath().normalize());
            ObjectNode k = (ObjectNode) YAML.readTree(file.toFile());
            k.properties().stream().map(Map.Entry::getKey).forEach(name -> {
                if (!FEATURES.contains(name)) {
                    throw new IllegalArgumentException(file + ": " + name + " is not supported by the Java renderer "
                            + "(supported: " + new TreeSet<>(FEATURES) + ")");
                }
            });
            List<ObjectNode> resources = new ArrayList<>();
            for (JsonNode entry : k.path("resources")) {
                Path path = dir.resolve(entry.asText()).normalize();
                if (Files.isDirectory(path)) {
                    resources.addAll(build(path));
                } else {
                    files.add(path.toAbsolutePath().normalize());
                    for (ObjectNode o : readDocuments(path)) {
                        if (!o.path("metadata").path("name").isTextual() || !o.path("kind").isTextual()) {
                            throw new IllegalArgumentException(path + ": an object without kind or metadata.name");
                        }
                        resources.add(o);
                    }
                }
            }
            for (JsonNode patch : k.path("patches")) {
                patch(dir, patch, resources);
            }
            if (k.hasNonNull("namespace")) {
                namespace(k.get("namespace").asText(), resources);
            }
            for (JsonNode entry : k.path("labels")) {
                labels(file, entry, resources);
            }
            for (JsonNode entry : k.path("replicas")) {
                replicas(file, entry, resources);
            }
            for (JsonNode entry : k.path("images")) {
                allowOnly(file, "images", entry, Set.of("name", "newName", "newTag", "digest"));
                for (ObjectNode o : resources) {
                    images(o, entry);
                }
            }
            return resources;
        }

        static void allowOnly(Path file, String what, JsonNode entry, Set<String> fields) {
            entry.properties().stream().map(Map.Entry::getKey).forEach(name -> {
                if (!fields.contains(name)) {
                    throw new IllegalArgumentException(file + ": " + what + "." + name + " is not supported by the Java renderer");
                }
            });
        }

        void patch(Path dir, JsonNode entry, List<ObjectNode> resources) throws IOException {
            allowOnly(dir.resolve("kustomization.yaml"), "patches", entry, Set.of("path", "patch"));
            List<ObjectNode> patches;
            if (entry.has("path")) {
                Path path = dir.resolve(entry.get("path").asText()).normalize();
                files.add(path.toAbsolutePath().normalize());
                patches = readDocuments(path);
            } else {
                patches = readDocuments(entry.path("patch").asText(), dir + " inline patch");
            }
            for (ObjectNode patch : patches) {
                if (patch.has("op") || !patch.has("kind")) {
                    throw new IllegalArgumentException(dir + ": only strategic-merge patches are supported");
                }
                String kind = patch.path("kind").asText();
                String name = patch.path("metadata").path("name").asText();
                String group = group(patch.path("apiVersion").asText());
                List<ObjectNode> targets = resources.stream()
                        .filter(o -> kind.equals(o.path("kind").asText())
                                && name.equals(o.path("metadata").path("name").asText())
                                && group.equals(group(o.path("apiVersion").asText())))
                        .toList();
                if (targets.size() != 1) {
                    throw new IllegalArgumentException(dir + ": patch " + kind + "/" + name + " matches " + targets.size() + " objects");
                }
                merge(targets.get(0), patch, kind, new ArrayList<>());
            }
        }

        static String group(String apiVersion) {
            return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        }

        static void merge(ObjectNode target, ObjectNode patch, String kind, List<String> path) {
            for (Map.Entry<String, JsonNode> field : patch.properties()) {
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (name.startsWith("$")) {
                    throw new IllegalArgumentException("strategic-merge directive " + name + " is not supported");
                }
                JsonNode current = target.get(name);
                List<String> here = new ArrayList<>(path);
                here.add(name);
                if (value.isNull()) {
                    target.remove(name);
                } else if (value.isObject() && current != null && current.isObject()) {
                    merge((ObjectNode) current, (ObjectNode) value, kind, here);
                } else if (value.isArray() && current != null && current.isArray() && mergeKey(kind, path, name) != null) {
                    mergeList((ArrayNode) current, (ArrayNode) value, mergeKey(kind, path, name), kind, here);
                } else {
                    target.set(name, withoutNulls(value));
                }
            }
        }

        /** As kustomize (kyaml) does it: the patch's elements in the patch's order, then the others in theirs. */
        static void mergeList(ArrayNode target, ArrayNode patch, String key, String kind, List<String> path) {
            List<JsonNode> merged = new ArrayList<>();
            Set<JsonNode> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (JsonNode element : patch) {
                if (!element.isObject() || !element.has(key)) {
                    throw new IllegalArgumentException(String.join(".", path) + ": a patch element without " + key);
                }
                ObjectNode match = null;
                for (JsonNode existing : target) {
                    if (existing.isObject() && !used.contains(existing) && element.get(key).equals(existing.get(key))) {
                        match = (ObjectNode) existing;
                        break;
                    }
                }
                if (match != null) {
                    used.add(match);
                    merge(match, (ObjectNode) element, kind, path);
                    merged.add(match);
                } else {
                    merged.add(withoutNulls(element));
                }
            }
            for (JsonNode existing : target) {
                if (!used.contains(existing)) {
                    merged.add(existing);
                }
            }
            target.removeAll();
            target.addAll(merged);
        }

        /** The Kubernetes patch merge keys of the lists these manifests could patch; null = replace the list. */
        static String mergeKey(String kind, List<String> parentPath, String field) {
            return switch (field) {
                case "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets" -> "name";
                case "volumeMounts" -> "mountPath";
                case "ports" -> parentPath.contains("containers") || parentPath.contains("initContainers")
                        ? "containerPort"
                        : "Service".equals(kind) && parentPath.equals(List.of("spec")) ? "port" : null;
                default -> null;
            };
        }

        static JsonNode withoutNulls(JsonNode node) {
            JsonNode copy = node.deepCopy();
            strip(copy);
            return copy;
        }

        static void strip(JsonNode node) {
            if (node instanceof ObjectNode object) {
                List<String> nulls = new ArrayList<>();
                object.properties().forEach(e -> {
                    if (e.getValue().isNull()) {
                        nulls.add(e.getKey());
                    } else {
                        strip(e.getValue());
                    }
                });
                object.remove(nulls);
            } else if (node instanceof ArrayNode array) {
                array.forEach(Kustomize::strip);
            }
        }

        static void namespace(String namespace, List<ObjectNode> resources) {
            for (ObjectNode o : resources) {
                String kind = o.path("kind").asText();
                if (kind.equals("Namespace") || kind.endsWith("RoleBinding")) {
                    throw new IllegalArgumentException(kind + " with namespace: is not supported by the Java renderer");
                }
                if (!CLUSTER_SCOPED.contains(kind)) {
                    ((ObjectNode) o.get("metadata")).put("namespace", namespace);
                }
            }
        }

        static void labels(Path file, JsonNode entry, List<ObjectNode> resources) {
            allowOnly(file, "labels", entry, Set.of("pairs", "includeSelectors", "includeTemplates"));
            if (entry.path("includeSelectors").asBoolean(false)) {
                throw new IllegalArgumentException(file + ": labels.includeSelectors is not supported by the Java renderer");
            }
            boolean templates = entry.path("includeTemplates").asBoolean(false);
            for (ObjectNode o : resources) {
                addLabels((ObjectNode) o.get("metadata"), entry.path("pairs"));
                String kind = o.path("kind").asText();
                if (templates && WORKLOADS.contains(kind) && o.path("spec").path("template").isObject()) {
                    addLabels(object((ObjectNode) o.get("spec"), "template", "metadata"), entry.path("pairs"));
                } else if (templates && kind.equals("CronJob")) {
                    throw new IllegalArgumentException("labels on CronJob templates are not supported by the Java renderer");
                }
            }
        }

        static void addLabels(ObjectNode metadata, JsonNode pairs) {
            ObjectNode labels = object(metadata, "labels");
            pairs.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        }

        static ObjectNode object(ObjectNode parent, String... path) {
            ObjectNode node = parent;
            for (String name : path) {
                if (!(node.get(name) instanceof ObjectNode)) {
                    node.set(name, node.objectNode());
                }
                node = (ObjectNode) node.get(name);
            }
            return node;
        }

        static void replicas(Path file, JsonNode entry, List<ObjectNode> resources) {
            allowOnly(file, "replicas", entry, Set.of("name", "count"));
            int matched = 0;
            for (ObjectNode o : resources) {
                if (SCALABLE.contains(o.path("kind").asText())
                        && entry.path("name").asText().equals(o.path("metadata").path("name").asText())) {
                    object(o, "spec").set("replicas", IntNode.valueOf(entry.path("count").asInt()));
                    matched++;
                }
            }
            if (matched == 0) {
                throw new IllegalArgumentException(file + ": replicas " + entry.path("name").asText() + " matches nothing");
            }
        }

        static void images(JsonNode node, JsonNode entry) {
            if (node instanceof ObjectNode object) {
                object.properties().forEach(field -> {
                    if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
                            && field.getValue().isArray()) {
                        for (JsonNode container : field.getValue()) {
                            if (container.path("image").isTextual()) {
                                String image = retag(container.get("image").asText(), entry);
                                ((ObjectNode) container).set("image", TextNode.valueOf(image));
                            }
                        }
                    }
                    images(field.getValue(), entry);
                });
            } else if (node instanceof ArrayNode array) {
                array.forEach(element -> images(element, entry));
            }
        }

        /** {@code name[:tag][@digest]} with the entry's newName, newTag or digest, when name is the entry's name. */
        static String retag(String image, JsonNode entry) {
            String name = image;
            String suffix = "";
            int at = name.indexOf('@');
            if (at >= 0) {
                suffix = name.substring(at);
                name = name.substring(0, at);
            }
            int colon = name.lastIndexOf(':');
            if (colon > name.lastIndexOf('/')) {
                suffix = name.substring(colon) + suffix;
                name = name.substring(0, colon);
            }
            if (!name.equals(entry.path("name").asText())) {
                return image;
            }
            if (entry.hasNonNull("digest")) {
                suffix = "@" + entry.get("digest").asText();
            } else if (entry.hasNonNull("newTag")) {
                suffix = ":" + entry.get("newTag").asText();
            }
            return entry.path("newName").asText(name) + suffix;
        }
    }
}
