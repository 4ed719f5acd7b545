package bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GOV.UK Notify stub for the pacing measure: WireMock (standalone jar) with one extension.
 * <ul>
 * <li>{@code POST /v2/notifications/sms|email|letter}: 201 with Notify's v2 response shape, unless more than
 * {@code limit} requests arrived in the rolling {@code window} seconds, then {@code 429 RateLimitError} as Notify
 * answers. As in Notify's limiter every request counts towards the window, refused ones included.</li>
 * <li>{@code GET /v2/notifications?reference=}: an empty list (nothing to recover).</li>
 * <li>{@code GET /__bench/counters}: {@code {"accepted", "rateLimited", "firstMs", "lastMs", "maxInWindow"}}, and
 * per type ({@code "byType": {"sms": {...}, "email": ..., "letter": ...}}) the accepted count, first and last
 * acceptance and the most accepted in any rolling window; for letters also {@code "letterReferences"} (distinct
 * references), {@code "lettersTwice"} (references accepted more than once) and {@code "letterExtraCopies"};
 * {@code GET /__bench/timeline}: accepted per second by type, {@code {"<epoch second>": [sms, email, letter]}};
 * {@code POST /__bench/reset} clears them and the window.</li>
 * </ul>
 * It does not verify the JWT (the service's own tests do); it only requires a bearer token.
 * <p>{@code java -cp bench.jar:wiremock-standalone.jar bench.NotifyStub PORT LIMIT WINDOW_SECONDS [REFUSED_MOBILE_SUFFIX]}:
 * with the last, a text to a number ending so gets Notify's 400 "phone_number Not a UK mobile number".
 */
public final class NotifyStub {

    static final class State {
        final int limit;
        final long windowNanos;
        /** Texts to a mobile ending so are refused as Notify refuses a number it cannot text (null: none). */
        volatile String refuseMobile;
        final ArrayDeque<Long> window = new ArrayDeque<>();
        long accepted;
        long rateLimited;
        long unauthorised;
        long firstMs;
        long lastMs;
        int maxInWindow;
        /** Per type (sms, email, letter): accepted, first and last ms, the most in a rolling window. */
        final Map<String, long[]> byType = new TreeMap<>();
        final Map<String, ArrayDeque<Long>> typeWindows = new HashMap<>();
        final Map<String, Integer> letterCopies = new HashMap<>();
        /** Accepted per second (epoch), [sms, email, letter]. */
        final TreeMap<Long, long[]> timeline = new TreeMap<>();

        State(int limit, long windowSeconds) {
            this.limit = limit;
            this.windowNanos = windowSeconds * 1_000_000_000L;
        }

        /** true when this request may pass. */
        synchronized boolean arrive() {
            long now = System.nanoTime();
            window.addLast(now);
            while (!window.isEmpty() && window.peekFirst() <= now - windowNanos) {
                window.removeFirst();
            }
            if (window.size() > limit) {
                rateLimited++;
                return false;
            }
            maxInWindow = Math.max(maxInWindow, window.size());
            long ms = System.currentTimeMillis();
            if (accepted++ == 0) {
                firstMs = ms;
            }
            lastMs = ms;
            return true;
        }

        /** An accepted request of this type (and, for a letter, its reference), for the per-type figures. */
        synchronized void acceptedAs(String type, String reference) {
            long now = System.nanoTime();
            long ms = System.currentTimeMillis();
            long[] t = byType.computeIfAbsent(type, k -> new long[4]);
            if (t[0]++ == 0) {
                t[1] = ms;
            }
            t[2] = ms;
            ArrayDeque<Long> w = typeWindows.computeIfAbsent(type, k -> new ArrayDeque<>());
            w.addLast(now);
            while (!w.isEmpty() && w.peekFirst() <= now - windowNanos) {
                w.removeFirst();
            }
            t[3] = Math.max(t[3], w.size());
            int column = type.equals("sms") ? 0 : type.equals("email") ? 1 : 2;
            timeline.computeIfAbsent(ms / 1000, k -> new long[3])[column]++;
            if (type.equals("letter")) {
                letterCopies.merge(String.valueOf(reference), 1, Integer::sum);
            }
        }

        synchronized String timeline() {
            StringBuilder b = new StringBuilder("{");
            timeline.forEach((sec, n) -> b.append(b.length() > 1 ? "," : "").append('"').append(sec).append("\":[")
                    .append(n[0]).append(',').append(n[1]).append(',').append(n[2]).append(']'));
            return b.append('}').toString();
        }

        synchronized String counters() {
            StringBuilder types = new StringBuilder("{");
            byType.forEach((type, t) -> types.append(types.length() > 1 ? "," : "").append('"').append(type)
                    .append("\":{\"accepted\":").append(t[0]).append(",\"firstMs\":").append(t[1])
                    .append(",\"lastMs\":").append(t[2]).append(",\"maxInWindow\":").append(t[3]).append('}'));
            types.append('}');
            long twice = letterCopies.values().stream().filter(n -> n > 1).count();
            long extra = letterCopies.values().stream().mapToLong(n -> n - 1).sum();
            return "{\"accepted\":" + accepted + ",\"rateLimited\":" + rateLimited + ",\"unauthorised\":" + unauthorised
                    + ",\"firstMs\":" + firstMs + ",\"lastMs\":" + lastMs + ",\"maxInWindow\":" + maxInWindow
                    + ",\"limit\":" + limit + ",\"windowSeconds\":" + windowNanos / 1_000_000_000L
                    + ",\"byType\":" + types + ",\"letterReferences\":" + letterCopies.size()
                    + ",\"lettersTwice\":" + twice + ",\"letterExtraCopies\":" + extra + "}";
        }

        synchronized void reset() {
            window.clear();
            byType.clear();
            typeWindows.clear();
            letterCopies.clear();
            timeline.clear();
            accepted = rateLimited = unauthorised = firstMs = lastMs = 0;
            maxInWindow = 0;
        }
    }

    static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]*)\"");
    static final Pattern TEMPLATE = Pattern.compile("\"template_id\"\\s*:\\s*\"([^\"]*)\"");

    static final class Api implements ResponseDefinitionTransformerV2 {
        final State state;
        volatile String baseUrl;

        Api(State state) {
            this.state = state;
        }

        @Override
        public String getName() {
            return "notify-bench";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var request = event.getRequest();
            String route = event.getTransformerParameters().getString("route");
            switch (route) {
                case "counters":
                    return json(200, state.counters());
                case "timeline":
                    return json(200, state.timeline());
                case "reset":
                    state.reset();
                    return json(200, "{\"reset\":true}");
                case "list":
                    return json(200, "{\"notifications\":[],\"links\":{\"current\":\"" + baseUrl + "/v2/notifications\"}}");
                default:
                    break;
            }
            String auth = request.getHeader("Authorization");
            if (auth == null || !auth.startsWith("Bearer ")) {
                synchronized (state) {
                    state.unauthorised++;
                }
                return json(403, "{\"errors\":[{\"error\":\"AuthError\",\"message\":\"Unauthorized: authentication token must be provided\"}],\"status_code\":403}");
            }
            if (!state.arrive()) {
                return json(429, "{\"errors\":[{\"error\":\"RateLimitError\",\"message\":\"Exceeded rate limit for key type LIVE of "
                        + state.limit + " requests per " + state.windowNanos / 1_000_000_000L + " seconds\"}],\"status_code\":429}");
            }
            String body = request.getBodyAsString();
            String type = request.getUrl().contains("/sms") ? "sms" : request.getUrl().contains("/letter") ? "letter" : "email";
            String refuse = state.refuseMobile;
            if (refuse != null && type.equals("sms") && body != null && body.replace(" ", "").contains(refuse)) {
                return json(400, "{\"errors\":[{\"error\":\"ValidationError\",\"message\":\"phone_number Not a UK mobile number\"}],\"status_code\":400}");
            }
            String id = UUID.randomUUID().toString();
            String reference = find(REFERENCE, body);
            String template = find(TEMPLATE, body);
            state.acceptedAs(type, reference);
            String content = switch (type) {
                case "sms" -> "{\"body\":\"(bench)\",\"from_number\":\"CINREMIND\"}";
                case "letter" -> "{\"body\":\"(bench)\",\"subject\":\"(bench)\"}";
                default -> "{\"body\":\"(bench)\",\"subject\":\"(bench)\",\"from_email\":\"bench@notifications.service.gov.uk\",\"one_click_unsubscribe_url\":null}";
            };
            return json(201, "{\"id\":\"" + id + "\",\"reference\":" + (reference == null ? "null" : "\"" + reference + "\"")
                    + ",\"content\":" + content + ",\"uri\":\"" + baseUrl + "/v2/notifications/" + id + "\""
                    + ",\"template\":{\"id\":\"" + template + "\",\"version\":1,\"uri\":\"" + baseUrl + "/v2/template/"
                    + template + "\"},\"scheduled_for\":null}");
        }

        private static String find(Pattern p, String s) {
            Matcher m = p.matcher(s == null ? "" : s);
            return m.find() ? m.group(1) : null;
        }

        private static ResponseDefinition json(int status, String body) {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
        }
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        State state = new State(Integer.parseInt(args[1]), Long.parseLong(args[2]));
        state.refuseMobile = args.length > 3 ? args[3] : null; // bench/national.sh: some texts FAILED, as in real life
        Api api = new Api(state);
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .port(port)
                .containerThreads(64)
                .disableRequestJournal()
                .templatingEnabled(false)
                .notifier(new ConsoleNotifier(false))
                .extensions(api));
        server.start();
        api.baseUrl = "http://127.0.0.1:" + port;
        server.stubFor(post(urlPathMatching("/v2/notifications/(sms|email|letter)"))
                .willReturn(aResponse().withTransformers(api.getName()).withTransformerParameter("route", "send")));
        server.stubFor(get(urlPathEqualTo("/v2/notifications"))
                .willReturn(aResponse().withTransformers(api.getName()).withTransformerParameter("route", "list")));
        server.stubFor(get(urlPathEqualTo("/__bench/counters"))
                .willReturn(aResponse().withTransformers(api.getName()).withTransformerParameter("route", "counters")));
        server.stubFor(get(urlPathEqualTo("/__bench/timeline"))
                .willReturn(aResponse().withTransformers(api.getName()).withTransformerParameter("route", "timeline")));
        server.stubFor(any(urlPathEqualTo("/__bench/reset"))
                .willReturn(aResponse().withTransformers(api.getName()).withTransformerParameter("route", "reset")));
        System.out.println("Notify stub on " + api.baseUrl + ": " + state.limit + " requests per rolling "
                + args[2] + " s, then 429");
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
