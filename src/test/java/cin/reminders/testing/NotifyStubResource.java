package cin.reminders.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import cin.reminders.platform.embedded.JvmWideServices;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One WireMock server for every test in the JVM that answers like GOV.UK Notify's v2 API as
 * {@code uk.gov.service.notify.NotificationClient} calls it. Inspect and program it with {@link NotifyStub}.
 * <ul>
 * <li>{@code POST /v2/notifications/sms|email|letter}: checks the bearer JWT (HS256, {@code iss} =
 * {@link NotifyStub#SERVICE_ID}, {@code iat} within 30 s, signed with {@link NotifyStub#SECRET}), the body, the
 * template and the recipient (a letter's address, see {@link PostalAddress}) as Notify does, then answers 201 and
 * remembers the notification. An SMS or email is created in its final status (delivered, or a failure for Notify's
 * test recipients); a letter is created {@code accepted} and stays so until a test moves it on.</li>
 * <li>{@code GET /v2/notifications?reference=&template_type=&status=&older_than=} and {@code GET /v2/notifications/{id}}
 * answer from what was accepted.</li>
 * <li>{@code /__test/*}: the stub's own control API (state, faults, reset), used by {@link NotifyStub} so that it works
 * from any class loader: only JSON over HTTP crosses the boundary.</li>
 * </ul>
 * The stub's templates: SMS {@link NotifyStub#SMS_TEMPLATE_ID} is {@code ((body))}; email
 * {@link NotifyStub#EMAIL_TEMPLATE_ID} and the letters {@link NotifyStub#LETTER_TEMPLATE_ID} (second class) and
 * {@link NotifyStub#LETTER_TEMPLATE_ID_FIRST_CLASS} have subject {@code ((subject))} and body {@code ((body))}.
 * Missing personalisation is a 400, as in Notify. The stub sends no callbacks: tests post delivery receipts to the
 * service themselves.
 */
public class NotifyStubResource implements QuarkusTestResourceLifecycleManager {

    static final String SERVICE = "notify-stub";

    @Override
    public Map<String, String> start() {
        return JvmWideServices.getOrStart(SERVICE, NotifyStubResource::startServer);
    }

    @Override
    public void stop() {
        // Shared by all test classes and profiles in this JVM: stopped by a JVM shutdown hook.
    }

    private static JvmWideServices.Started startServer() {
        State state = new State();
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(64)
                .disableRequestJournal() // the stub keeps its own bounded-by-test state
                .templatingEnabled(false)
                .notifier(new ConsoleNotifier(false))
                .extensions(new NotifyApi(state), new ControlApi(state)));
        server.start();
        state.baseUrl = "http://127.0.0.1:" + server.port();

        server.stubFor(post(urlPathMatching("/v2/notifications/(sms|email|letter)"))
                .willReturn(aResponse().withTransformers(NotifyApi.NAME).withTransformerParameter("route", "send")));
        server.stubFor(get(urlPathEqualTo("/v2/notifications"))
                .willReturn(aResponse().withTransformers(NotifyApi.NAME).withTransformerParameter("route", "list")));
        server.stubFor(get(urlPathMatching("/v2/notifications/[^/]+"))
                .willReturn(aResponse().withTransformers(NotifyApi.NAME).withTransformerParameter("route", "one")));
        server.stubFor(any(urlPathMatching("/__test/.*"))
                .willReturn(aResponse().withTransformers(ControlApi.NAME)));
        server.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(aResponse().withTransformers(NotifyApi.NAME).withTransformerParameter("route", "none")));

        Map<String, String> config = Map.of(
                "notify.base-url", state.baseUrl,
                "notify.api-key", NotifyStub.API_KEY,
                "notify.sms-template-id", NotifyStub.SMS_TEMPLATE_ID,
                "notify.email-template-id", NotifyStub.EMAIL_TEMPLATE_ID,
                "notify.letter-template-id", NotifyStub.LETTER_TEMPLATE_ID,
                "notify.letter-template-ids.first", NotifyStub.LETTER_TEMPLATE_ID_FIRST_CLASS,
                "notify.callback-token", NotifyStub.CALLBACK_TOKEN);
        return new JvmWideServices.Started(config, server::stop);
    }

    // ---- State -------------------------------------------------------------------------------------------------

    /** A programmed failure. {@code status} {@link NotifyStub#CONNECTION_RESET} resets the connection instead. */
    record Fault(int status, String error, String message, boolean acceptFirst, int delayMs) {
    }

    /**
     * An accepted notification. Its status can move on ({@code POST /__test/status}); everything else is fixed. For a
     * letter, {@code recipient} is the address as Notify keeps it (its lines joined by new lines), {@code address} its
     * lines and {@code postage} first, second, europe or rest-of-world; for SMS and email those two are empty/null.
     */
    record Stored(long seq, String id, String type, String recipient, String reference, String templateId,
            Map<String, Object> personalisation, String senderId, String body, String subject,
            AtomicReference<String> currentStatus, Instant createdAt, int fragments, List<String> address,
            String postage) {

        String status() {
            return currentStatus.get();
        }
    }

    /** The stub's templates: their type and, for letters, the postage Notify takes from the template. */
    record Template(String type, String postage) {
    }

    static final Map<String, Template> TEMPLATES = Map.of(
            NotifyStub.SMS_TEMPLATE_ID, new Template("sms", null),
            NotifyStub.EMAIL_TEMPLATE_ID, new Template("email", null),
            NotifyStub.LETTER_TEMPLATE_ID, new Template("letter", "second"),
            NotifyStub.LETTER_TEMPLATE_ID_FIRST_CLASS, new Template("letter", "first"));

    /** Notify's statuses a notification of each type can have ({@code returned-letter}: see {@link NotifyStub}). */
    static final Map<String, Set<String>> STATUSES = Map.of(
            "sms", Set.of("created", "sending", "pending", "sent", "delivered", "permanent-failure",
                    "temporary-failure", "technical-failure"),
            "email", Set.of("created", "sending", "delivered", "permanent-failure", "temporary-failure",
                    "technical-failure"),
            "letter", Set.of("accepted", "received", "cancelled", "pending-virus-check", "virus-scan-failed",
                    "validation-failed", "technical-failure", "permanent-failure", "returned-letter"));

    static final class State {
        volatile String baseUrl;
        final ConcurrentLinkedQueue<Stored> accepted = new ConcurrentLinkedQueue<>();
        final Map<String, Stored> byId = new ConcurrentHashMap<>();
        final Map<String, ConcurrentLinkedQueue<Stored>> byReference = new ConcurrentHashMap<>();
        final Map<Integer, AtomicLong> responses = new ConcurrentHashMap<>();
        final Map<String, Fault> failFor = new ConcurrentHashMap<>();
        final Deque<Fault> nextSends = new ArrayDeque<>(); // guarded by itself
        final AtomicLong seq = new AtomicLong();

        Fault pollNext() {
            synchronized (nextSends) {
                return nextSends.pollFirst();
            }
        }

        void addNext(Fault fault, int times) {
            synchronized (nextSends) {
                for (int i = 0; i < times; i++) {
                    nextSends.addLast(fault);
                }
            }
        }

        void record(Stored stored) {
            accepted.add(stored);
            byId.put(stored.id(), stored);
            if (stored.reference() != null) {
                byReference.computeIfAbsent(stored.reference(), r -> new ConcurrentLinkedQueue<>()).add(stored);
            }
        }

        void count(int status) {
            responses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        }

        void reset() {
            synchronized (nextSends) {
                nextSends.clear();
            }
            failFor.clear();
            accepted.clear();
            byId.clear();
            byReference.clear();
            responses.clear();
        }
    }

    // ---- Notify's v2 API ---------------------------------------------------------------------------------------

    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter NOTIFY_TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern UUID_PATTERN = Pattern
            .compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@\"]+@[^\\s@]+\\.[^\\s@]+$");
    private static final int PAGE_SIZE = 250;
    private static final int SMS_MAX_CHARS = 918;
    private static final String GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENDED = "^{}\\[~]|€";

    /** Answers Notify's endpoints: JWT check, validation, programmed faults, state. */
    static final class NotifyApi implements ResponseDefinitionTransformerV2 {
        static final String NAME = "notify-v2-api";
        private final State state;

        NotifyApi(State state) {
            this.state = state;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            Parameters parameters = event.getTransformerParameters();
            String route = parameters == null ? "none" : parameters.getString("route", "none");
            ResponseDefinition response;
            try {
                response = switch (route) {
                    case "send" -> authenticated(request, () -> send(request));
                    case "list" -> authenticated(request, () -> list(request));
                    case "one" -> authenticated(request, () -> one(request));
                    default -> json(404, notFoundRoute());
                };
            } catch (RuntimeException e) {
                response = error(500, "Exception", "Internal server error");
            }
            state.count(response.getFault() != null ? NotifyStub.CONNECTION_RESET : response.getStatus());
            return response;
        }

        private ResponseDefinition authenticated(Request request, java.util.function.Supplier<ResponseDefinition> then) {
            ResponseDefinition denied = checkToken(request.getHeader("Authorization"));
            return denied != null ? denied : then.get();
        }

        /** Notify's checks, in Notify's order and with its messages (notifications-api app/authentication/auth.py). */
        private ResponseDefinition checkToken(String authorization) {
            if (authorization == null || authorization.isBlank()) {
                return error(401, "AuthError", "Unauthorized: authentication token must be provided");
            }
            if (authorization.length() < 7 || !authorization.substring(0, 7).equalsIgnoreCase("Bearer ")) {
                return error(401, "AuthError", "Unauthorized: authentication bearer scheme must be used");
            }
            String[] parts = authorization.substring(7).trim().split("\\.", -1);
            JsonNode header;
            JsonNode claims;
            try {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("not a JWS");
                }
                header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
                claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            } catch (Exception e) {
                return error(403, "AuthError", "Invalid token: signature, api token is not valid");
            }
            if (!claims.hasNonNull("iss")) {
                return error(403, "AuthError", "Invalid token: iss field not provided");
            }
            String iss = claims.get("iss").asText();
            if (!UUID_PATTERN.matcher(iss).matches()) {
                return error(403, "AuthError", "Invalid token: service id is not the right data type");
            }
            if (!iss.equalsIgnoreCase(NotifyStub.SERVICE_ID)) {
                return error(403, "AuthError", "Invalid token: service not found");
            }
            if (!"HS256".equals(header.path("alg").asText())) {
                return error(403, "AuthError", "Invalid token: algorithm used is not HS256");
            }
            byte[] expected = hmacSha256(NotifyStub.SECRET, parts[0] + "." + parts[1]);
            byte[] actual;
            try {
                actual = Base64.getUrlDecoder().decode(parts[2]);
            } catch (IllegalArgumentException e) {
                actual = new byte[0];
            }
            if (!MessageDigest.isEqual(expected, actual)) {
                return error(403, "AuthError", "Invalid token: API key not found");
            }
            if (!claims.path("iat").canConvertToLong()) {
                return error(403, "AuthError", "Invalid token: iat field not provided");
            }
            long skew = Math.abs(Instant.now().getEpochSecond() - claims.get("iat").asLong());
            if (skew > 30) {
                return error(403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds");
            }
            return null;
        }

        private ResponseDefinition send(Request request) {
            String url = request.getUrl();
            String type = url.contains("/letter") ? "letter" : url.contains("/email") ? "email" : "sms";
            JsonNode body;
            try {
                body = JSON.readTree(request.getBodyAsString());
            } catch (Exception e) {
                return error(400, "ValidationError", "Invalid JSON supplied in POST data");
            }
            if (body == null || !body.isObject()) {
                return error(400, "ValidationError", "Invalid JSON supplied in POST data");
            }
            return type.equals("letter") ? sendLetter(body) : sendMessage(type, body);
        }

        /** The fault this send meets: its recipient's {@code failFor}, else the head of the queue. */
        private Fault takeFault(String recipientKey) {
            Fault fault = recipientKey == null ? null : state.failFor.get(recipientKey);
            return fault != null ? fault : state.pollNext();
        }

        /** The template's type, or an error answer: not a UUID, unknown, or of another type than the endpoint's. */
        private static Object checkTemplate(String templateId, String type) {
            if (!UUID_PATTERN.matcher(templateId).matches()) {
                return error(400, "ValidationError", "template_id is not a valid UUID");
            }
            Template template = TEMPLATES.get(templateId.toLowerCase(Locale.ROOT));
            if (template == null) {
                return error(400, "BadRequestError", "Template not found");
            }
            if (!template.type().equals(type)) {
                return error(400, "BadRequestError", template.type() + " template is not suitable for " + type
                        + " notification");
            }
            return template;
        }

        private static Object personalisation(JsonNode body) {
            JsonNode node = body.path("personalisation");
            if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
                return error(400, "ValidationError", "personalisation " + node + " is not of type object");
            }
            return node.isObject()
                    ? JSON.convertValue(node, new TypeReference<Map<String, Object>>() {
                    })
                    : Map.<String, Object>of();
        }

        /** Notify's "Missing personalisation" for the stub's templates: ((subject)) (email, letter) and ((body)). */
        private static ResponseDefinition missingPersonalisation(String type, Map<String, Object> personalisation) {
            List<String> missing = new ArrayList<>();
            if (!type.equals("sms") && personalisation.get("subject") == null) {
                missing.add("subject");
            }
            if (personalisation.get("body") == null) {
                missing.add("body");
            }
            return missing.isEmpty() ? null
                    : error(400, "BadRequestError", "Missing personalisation: " + String.join(", ", missing));
        }

        private ResponseDefinition sendMessage(String type, JsonNode body) {
            String recipientField = type.equals("sms") ? "phone_number" : "email_address";
            if (!body.hasNonNull(recipientField)) {
                return error(400, "ValidationError", recipientField + " is a required property");
            }
            if (!body.hasNonNull("template_id")) {
                return error(400, "ValidationError", "template_id is a required property");
            }
            String recipient = body.get(recipientField).asText();

            Fault fault = takeFault(recipientKey(recipient));
            int delayMs = 0;
            if (fault != null && fault.status() == 0) { // a pure delay
                delayMs = fault.delayMs();
                fault = null;
            }
            if (fault != null && !fault.acceptFirst()) {
                return faultResponse(fault, type);
            }

            String templateId = body.get("template_id").asText();
            if (checkTemplate(templateId, type) instanceof ResponseDefinition refused) {
                return refused;
            }
            String invalid = type.equals("sms") ? invalidPhone(recipient) : invalidEmail(recipient);
            if (invalid != null) {
                return error(400, "ValidationError", recipientField + " " + invalid);
            }
            Object parsed = personalisation(body);
            if (parsed instanceof ResponseDefinition refused) {
                return refused;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> personalisation = (Map<String, Object>) parsed;
            ResponseDefinition missing = missingPersonalisation(type, personalisation);
            if (missing != null) {
                return missing;
            }
            String text = String.valueOf(personalisation.get("body"));
            String subject = type.equals("email") ? String.valueOf(personalisation.get("subject")) : null;
            int fragments = 0;
            if (type.equals("sms")) {
                int length = smsLength(text);
                if (length > SMS_MAX_CHARS) {
                    return error(400, "BadRequestError", "Text messages cannot be longer than " + SMS_MAX_CHARS
                            + " characters. Your message is " + length + " characters long.");
                }
                fragments = smsFragments(text);
            }
            String reference = body.hasNonNull("reference") ? body.get("reference").asText() : null;
            String senderField = type.equals("sms") ? "sms_sender_id" : "email_reply_to_id";
            String senderId = body.hasNonNull(senderField) ? body.get(senderField).asText() : null;

            Stored stored = new Stored(state.seq.incrementAndGet(), UUID.randomUUID().toString(), type,
                    recipient, reference, templateId.toLowerCase(Locale.ROOT), personalisation, senderId, text,
                    subject, new AtomicReference<>(finalStatus(type, recipient)), Instant.now(), fragments, List.of(),
                    null);
            state.record(stored);
            if (fault != null) { // accepted, but the client never learns it
                return faultResponse(fault, type);
            }

            ObjectNode response = JSON.createObjectNode();
            response.put("id", stored.id());
            response.put("reference", stored.reference());
            ObjectNode content = response.putObject("content");
            content.put("body", text);
            if (type.equals("sms")) {
                content.put("from_number", "CINREMIND");
            } else {
                content.put("from_email", "cin.reminders.test@notifications.service.gov.uk");
                content.put("subject", subject);
                content.putNull("one_click_unsubscribe_url");
            }
            return created(response, stored, delayMs);
        }

        /**
         * {@code POST /v2/notifications/letter}, a templated letter as {@code NotificationClient.sendLetter} sends it:
         * {@code {template_id, personalisation, reference}}. Notify's order: the request's schema, the template and its
         * personalisation, then the address; the postage is the template's (or europe / rest-of-world for an address
         * abroad).
         */
        private ResponseDefinition sendLetter(JsonNode body) {
            if (!body.hasNonNull("template_id")) {
                return error(400, "ValidationError", "template_id is a required property");
            }
            if (!body.hasNonNull("personalisation")) {
                return error(400, "ValidationError", "personalisation is a required property");
            }
            Object parsed = personalisation(body);
            if (parsed instanceof ResponseDefinition refused) {
                return refused;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> personalisation = (Map<String, Object>) parsed;
            if (personalisation.get("address_line_1") == null) {
                return error(400, "ValidationError", "personalisation address_line_1 is a required property");
            }
            PostalAddress address = PostalAddress.of(personalisation);

            Fault fault = takeFault(address.postcodeKey());
            int delayMs = 0;
            if (fault != null && fault.status() == 0) { // a pure delay
                delayMs = fault.delayMs();
                fault = null;
            }
            if (fault != null && !fault.acceptFirst()) {
                return faultResponse(fault, "letter");
            }

            String templateId = body.get("template_id").asText();
            Object template = checkTemplate(templateId, "letter");
            if (template instanceof ResponseDefinition refused) {
                return refused;
            }
            ResponseDefinition missing = missingPersonalisation("letter", personalisation);
            if (missing != null) {
                return missing;
            }
            String invalid = address.invalid();
            if (invalid != null) {
                return error(400, "ValidationError", invalid);
            }
            String text = String.valueOf(personalisation.get("body"));
            String subject = String.valueOf(personalisation.get("subject"));
            String postage = address.country() != null ? address.country() : ((Template) template).postage();
            String reference = body.hasNonNull("reference") ? body.get("reference").asText() : null;

            Stored stored = new Stored(state.seq.incrementAndGet(), UUID.randomUUID().toString(), "letter",
                    String.join("\n", address.lines()), reference, templateId.toLowerCase(Locale.ROOT),
                    personalisation, null, text, subject, new AtomicReference<>("accepted"), Instant.now(), 0,
                    address.lines(), postage);
            state.record(stored);
            if (fault != null) { // accepted, but the client never learns it
                return faultResponse(fault, "letter");
            }

            ObjectNode response = JSON.createObjectNode();
            response.put("id", stored.id());
            response.put("reference", stored.reference());
            ObjectNode content = response.putObject("content");
            content.put("body", text);
            content.put("subject", subject);
            return created(response, stored, delayMs);
        }

        /** The rest of a 201: {@code uri}, {@code template}, {@code scheduled_for}; after a programmed delay. */
        private ResponseDefinition created(ObjectNode response, Stored stored, int delayMs) {
            response.put("uri", state.baseUrl + "/v2/notifications/" + stored.id());
            template(response, stored);
            response.putNull("scheduled_for");
            ResponseDefinitionBuilder builder = builder(201, response);
            if (delayMs > 0) {
                builder.withFixedDelay(delayMs);
            }
            return builder.build();
        }

        private ResponseDefinition list(Request request) {
            String reference = query(request, "reference");
            String templateType = query(request, "template_type");
            String olderThan = query(request, "older_than");
            QueryParameter statusParam = request.queryParameter("status");
            Set<String> statuses = statusParam.isPresent() ? Set.copyOf(statusParam.values()) : Set.of();
            if (templateType != null && !Set.of("sms", "email", "letter").contains(templateType)) {
                return error(400, "ValidationError", "template_type " + templateType
                        + " is not one of [sms, email, letter]");
            }
            Long olderThanSeq = null;
            if (olderThan != null) {
                Stored anchor = state.byId.get(olderThan.toLowerCase(Locale.ROOT));
                olderThanSeq = anchor == null ? 0L : anchor.seq();
            }
            Iterable<Stored> source = reference == null ? state.accepted
                    : state.byReference.getOrDefault(reference, new ConcurrentLinkedQueue<>());
            List<Stored> matching = new ArrayList<>();
            for (Stored s : source) {
                if ((templateType == null || templateType.equals(s.type()))
                        && (statuses.isEmpty() || statuses.contains(s.status()))
                        && (olderThanSeq == null || s.seq() < olderThanSeq)) {
                    matching.add(s);
                }
            }
            matching.sort(Comparator.comparingLong(Stored::seq).reversed()); // newest first, as Notify
            List<Stored> page = matching.subList(0, Math.min(PAGE_SIZE, matching.size()));
            ObjectNode response = JSON.createObjectNode();
            ArrayNode notifications = response.putArray("notifications");
            page.forEach(s -> notifications.add(notification(s)));
            ObjectNode links = response.putObject("links");
            links.put("current", state.baseUrl + request.getUrl());
            if (matching.size() > PAGE_SIZE) {
                StringBuilder next = new StringBuilder(state.baseUrl).append("/v2/notifications?");
                if (reference != null) {
                    next.append("reference=").append(java.net.URLEncoder.encode(reference, StandardCharsets.UTF_8))
                            .append('&');
                }
                if (templateType != null) {
                    next.append("template_type=").append(templateType).append('&');
                }
                statuses.forEach(st -> next.append("status=").append(st).append('&'));
                next.append("older_than=").append(page.get(page.size() - 1).id());
                links.put("next", next.toString());
            }
            return json(200, response);
        }

        private ResponseDefinition one(Request request) {
            String path = request.getUrl();
            int query = path.indexOf('?');
            String id = path.substring("/v2/notifications/".length(), query < 0 ? path.length() : query);
            if (!UUID_PATTERN.matcher(id).matches()) {
                return error(400, "ValidationError", "notification_id is not a valid UUID");
            }
            Stored stored = state.byId.get(id.toLowerCase(Locale.ROOT));
            if (stored == null) {
                return error(404, "NoResultFound", "No result found");
            }
            return json(200, notification(stored));
        }

        private ObjectNode notification(Stored s) {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", s.id());
            n.put("reference", s.reference());
            n.put("email_address", s.type().equals("email") ? s.recipient() : null);
            n.put("phone_number", s.type().equals("sms") ? s.recipient() : null);
            boolean letter = s.type().equals("letter");
            // A letter's address as Notify shows it: address_line_1..6 as given, postcode = postcode or address_line_7
            for (int i = 1; i <= 6; i++) {
                n.put("line_" + i, letter ? personalisationText(s, "address_line_" + i) : null);
            }
            String postcode = letter ? personalisationText(s, "postcode") : null;
            n.put("postcode", letter && postcode == null ? personalisationText(s, "address_line_7") : postcode);
            n.put("postage", s.postage());
            n.put("type", s.type());
            String status = s.status();
            n.put("status", status);
            template(n, s);
            n.put("body", s.body());
            n.put("subject", s.subject());
            String created = NOTIFY_TIME.format(s.createdAt());
            n.put("created_at", created);
            n.putNull("created_by_name");
            // A letter is sent once handed to the printer and completed once it has a final status
            boolean unsent = letter && Set.of("accepted", "pending-virus-check", "cancelled", "validation-failed",
                    "virus-scan-failed").contains(status);
            boolean inProgress = letter && Set.of("accepted", "pending-virus-check").contains(status);
            n.put("sent_at", unsent ? null : created);
            n.put("completed_at", inProgress ? null : created);
            n.putNull("scheduled_for");
            n.putNull("one_click_unsubscribe");
            if (letter) {
                // Printed and posted three days after it was accepted (Notify estimates by its print run and postage)
                n.put("estimated_delivery", NOTIFY_TIME.format(s.createdAt().plus(java.time.Duration.ofDays(3))));
                // The stub knows no letter prices: as Notify before the cost is known
                n.put("is_cost_data_ready", false);
                n.putNull("cost_in_pounds");
                n.putNull("cost_details");
                return n;
            }
            n.put("is_cost_data_ready", true);
            ObjectNode cost = n.putObject("cost_details");
            if (s.type().equals("sms")) {
                n.put("cost_in_pounds", Math.round(s.fragments() * 0.0227 * 10000) / 10000.0);
                cost.put("billable_sms_fragments", s.fragments());
                cost.put("international_rate_multiplier", 1.0);
                cost.put("sms_rate", 0.0227);
            } else {
                n.put("cost_in_pounds", 0.0);
            }
            return n;
        }

        private static String personalisationText(Stored s, String key) {
            Object value = s.personalisation().get(key);
            return value == null ? null : String.valueOf(value);
        }

        private void template(ObjectNode node, Stored s) {
            ObjectNode template = node.putObject("template");
            template.put("id", s.templateId());
            template.put("version", 1);
            template.put("uri", state.baseUrl + "/v2/template/" + s.templateId() + "/version/1");
        }

        private ResponseDefinition faultResponse(Fault fault, String type) {
            if (fault.status() == NotifyStub.CONNECTION_RESET) {
                return ResponseDefinitionBuilder.responseDefinition()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
            }
            String[] defaults = defaultError(fault.status(), type);
            ResponseDefinitionBuilder builder = builder(fault.status(), errorBody(fault.status(),
                    fault.error() != null ? fault.error() : defaults[0],
                    fault.message() != null ? fault.message() : defaults[1]));
            if (fault.delayMs() > 0) {
                builder.withFixedDelay(fault.delayMs());
            }
            return builder.build();
        }
    }

    /**
     * A letter's address as Notify reads it from the personalisation ({@code notifications-utils} PostalAddress):
     * {@code address_line_1} … {@code address_line_6}, then {@code address_line_7} or, failing it, {@code postcode};
     * blank lines dropped, spaces collapsed, a last line naming the UK (or a Crown dependency) dropped. The last line
     * must then be a UK postcode or a country abroad (europe / rest-of-world postage); the stub knows only a short list
     * of countries, not Notify's full one, and no BFPO addresses.
     */
    record PostalAddress(List<String> lines, String country, String postcodeKey, String invalid) {

        private static final Pattern UK_POSTCODE = Pattern
                .compile("^(GIR0AA|[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2})$");
        private static final Pattern LETTER_OR_DIGIT = Pattern.compile("[\\p{L}\\p{N}]");
        private static final String BAD_FIRST_CHARACTERS = "@()=[]\u201d\\/,<>~";
        private static final Set<String> UK = Set.of("united kingdom", "uk", "u.k", "great britain", "britain",
                "england", "scotland", "wales", "cymru", "northern ireland", "jersey", "guernsey", "isle of man");
        private static final Set<String> NO_FIXED_ABODE = Set.of("no fixed abode", "no fixed address", "nfa");
        private static final Set<String> EUROPE = Set.of("albania", "andorra", "armenia", "austria", "azerbaijan",
                "belarus", "belgium", "bosnia and herzegovina", "bulgaria", "croatia", "cyprus", "czechia",
                "czech republic", "denmark", "estonia", "faroe islands", "finland", "france", "georgia", "germany",
                "gibraltar", "greece", "greenland", "hungary", "iceland", "ireland", "republic of ireland", "italy",
                "kazakhstan", "kosovo", "latvia", "liechtenstein", "lithuania", "luxembourg", "malta", "moldova",
                "monaco", "montenegro", "netherlands", "the netherlands", "north macedonia", "norway", "poland",
                "portugal", "romania", "russia", "san marino", "serbia", "slovakia", "slovenia", "spain", "sweden",
                "switzerland", "turkey", "ukraine", "vatican city");
        private static final Set<String> REST_OF_WORLD = Set.of("afghanistan", "argentina", "australia",
                "bangladesh", "barbados", "brazil", "canada", "china", "egypt", "eritrea", "ethiopia", "ghana",
                "hong kong", "india", "iran", "iraq", "israel", "jamaica", "japan", "kenya", "malaysia", "mexico",
                "morocco", "new zealand", "nigeria", "pakistan", "philippines", "saudi arabia", "singapore", "somalia",
                "south africa", "sri lanka", "sudan", "syria", "trinidad and tobago", "united arab emirates",
                "united states", "united states of america", "usa", "zimbabwe");

        static PostalAddress of(Map<String, Object> personalisation) {
            List<String> lines = new ArrayList<>();
            boolean lastIsPostcodeField = false;
            for (int i = 1; i <= 7; i++) {
                String line = line(personalisation.get("address_line_" + i));
                if (i == 7 && line == null) {
                    line = line(personalisation.get("postcode"));
                    lastIsPostcodeField = line != null;
                }
                if (line != null) {
                    lines.add(line);
                }
            }
            if (lines.size() > 1 && UK.contains(folded(lines.get(lines.size() - 1)))) {
                lines.remove(lines.size() - 1);
                lastIsPostcodeField = false;
            }
            List<String> fixed = List.copyOf(lines);
            if (lines.size() < 3) {
                return new PostalAddress(fixed, null, null, "Address must be at least 3 lines");
            }
            String last = lines.get(lines.size() - 1);
            String postcode = normalisePostcode(last);
            String country = null;
            String postcodeKey = null;
            if (isUkPostcode(postcode)) {
                postcodeKey = postcode;
            } else if (!lastIsPostcodeField && EUROPE.contains(folded(last))) {
                country = "europe";
            } else if (!lastIsPostcodeField && REST_OF_WORLD.contains(folded(last))) {
                country = "rest-of-world";
            } else {
                return new PostalAddress(fixed, null, null, lastIsPostcodeField ? "Must be a real UK postcode"
                        : "Last line of address must be a real UK postcode or another country");
            }
            boolean real = line(personalisation.get("address_line_1")) != null
                    && LETTER_OR_DIGIT.matcher(lines.get(0)).find() && LETTER_OR_DIGIT.matcher(lines.get(1)).find()
                    && lines.stream().noneMatch(l -> NO_FIXED_ABODE.contains(folded(l)));
            if (!real) {
                return new PostalAddress(fixed, country, postcodeKey, "Must be a real address");
            }
            if (lines.stream().anyMatch(l -> BAD_FIRST_CHARACTERS.indexOf(l.charAt(0)) >= 0)) {
                return new PostalAddress(fixed, country, postcodeKey, "Address lines must not start with any of the"
                        + " following characters: @ ( ) = [ ] \u201d \\ / , < > ~");
            }
            return new PostalAddress(fixed, country, postcodeKey, null);
        }

        static String normalisePostcode(String text) {
            return text.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        }

        static boolean isUkPostcode(String normalised) {
            return UK_POSTCODE.matcher(normalised).matches();
        }

        private static String line(Object value) {
            if (value == null) {
                return null;
            }
            String line = String.valueOf(value).strip().replaceAll("\\s+", " ");
            return line.isEmpty() ? null : line;
        }

        /** Lower case, without trailing full stops: to compare a line with a name. */
        private static String folded(String line) {
            return line.toLowerCase(Locale.ROOT).replaceAll("[.]+$", "").strip();
        }
    }

    /** Notify's error type and message for a status, as its documentation lists them. */
    static String[] defaultError(int status, String type) {
        return switch (status) {
            case 400 -> switch (String.valueOf(type)) {
                case "email" -> new String[] { "ValidationError", "email_address Not a valid email address" };
                case "letter" -> new String[] { "ValidationError", "Must be a real UK postcode" };
                default -> new String[] { "ValidationError", "phone_number Not a UK mobile number" };
            };
            case 403 -> new String[] { "AuthError", "Invalid token: API key not found" };
            case 404 -> new String[] { "NoResultFound", "No result found" };
            case 429 -> new String[] { "RateLimitError",
                    "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds" };
            case 500 -> new String[] { "Exception", "Internal server error" };
            case 502, 503, 504 -> new String[] { "Exception", "Service temporarily unavailable" };
            default -> new String[] { "Exception", "Error " + status };
        };
    }

    private static String query(Request request, String name) {
        QueryParameter p = request.queryParameter(name);
        return p.isPresent() && !p.firstValue().isEmpty() ? p.firstValue() : null;
    }

    /**
     * Notify's normalisation, enough for matching: UK numbers as 07…, emails in lower case, UK postcodes (a letter's
     * recipient for {@code failFor}) in capitals without spaces.
     */
    static String recipientKey(String recipient) {
        String r = recipient.trim();
        if (r.contains("@")) {
            return r.toLowerCase(Locale.ROOT);
        }
        String postcode = PostalAddress.normalisePostcode(r);
        if (PostalAddress.isUkPostcode(postcode)) {
            return postcode;
        }
        String digits = r.replaceAll("[\\s()\\-.]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        } else if (digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (digits.startsWith("44")) {
            digits = "0" + digits.substring(2);
        }
        return digits;
    }

    private static String invalidPhone(String phone) {
        String r = phone.trim().replaceAll("[\\s()\\-.]", "");
        if (r.startsWith("+")) {
            r = r.substring(1);
        }
        if (!r.matches("\\d+")) {
            return "Must not contain letters or symbols";
        }
        if (r.startsWith("00")) {
            r = r.substring(2);
        }
        if (r.startsWith("44")) {
            r = r.substring(2);
        } else if (r.startsWith("0")) {
            r = r.substring(1);
        }
        if (!r.startsWith("7")) {
            return "Not a UK mobile number";
        }
        if (r.length() < 10) {
            return "Not enough digits";
        }
        if (r.length() > 10) {
            return "Too many digits";
        }
        return null;
    }

    private static String invalidEmail(String email) {
        return EMAIL.matcher(email.trim()).matches() ? null : "Not a valid email address";
    }

    /** Notify's test recipients: these end in a failure status. */
    private static String finalStatus(String type, String recipient) {
        String key = recipientKey(recipient);
        return switch (key) {
            case "07700900003", "temp-fail@simulator.notify" -> "temporary-failure";
            case "07700900002", "perm-fail@simulator.notify" -> "permanent-failure";
            default -> "delivered";
        };
    }

    private static boolean gsm(String text) {
        return text.chars().allMatch(c -> GSM.indexOf(c) >= 0 || GSM_EXTENDED.indexOf(c) >= 0);
    }

    private static int smsLength(String text) {
        if (!gsm(text)) {
            return text.length();
        }
        return (int) text.chars().map(c -> GSM_EXTENDED.indexOf(c) >= 0 ? 2 : 1).sum();
    }

    private static int smsFragments(String text) {
        int length = smsLength(text);
        boolean gsm = gsm(text);
        int single = gsm ? 160 : 70;
        int multi = gsm ? 153 : 67;
        return length <= single ? 1 : (length + multi - 1) / multi;
    }

    static byte[] hmacSha256(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode errorBody(int status, String error, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode e = body.putArray("errors").addObject();
        e.put("error", error);
        e.put("message", message);
        body.put("status_code", status);
        return body;
    }

    private static ObjectNode notFoundRoute() {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", "The requested URL was not found on the server. If you entered the URL manually please"
                + " check your spelling and try again.");
        body.put("result", "error");
        return body;
    }

    static ResponseDefinition error(int status, String error, String message) {
        return json(status, errorBody(status, error, message));
    }

    static ResponseDefinition json(int status, JsonNode body) {
        return builder(status, body).build();
    }

    static ResponseDefinitionBuilder builder(int status, JsonNode body) {
        try {
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- The stub's control API, for NotifyStub ---------------------------------------------------------------

    /**
     * {@code GET /__test/accepted[?reference=]}, {@code GET /__test/requests}, {@code POST /__test/reset},
     * {@code POST /__test/fail-next} {status, times, error?, message?, accept?, delay_ms?},
     * {@code POST /__test/fail-for} {recipient, status, error?, message?}, {@code POST /__test/delay-next}
     * {delay_ms, times}, {@code POST /__test/status} {id, status} (404 for an unknown id, 400 for a status the
     * notification's type does not have).
     */
    static final class ControlApi implements ResponseDefinitionTransformerV2 {
        static final String NAME = "notify-test-control";
        private final State state;

        ControlApi(State state) {
            this.state = state;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String path = request.getUrl();
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
            String method = request.getMethod().getName();
            try {
                return switch (method + " " + path) {
                    case "GET /__test/accepted" -> json(200, accepted(query(request, "reference")));
                    case "GET /__test/requests" -> json(200, requests());
                    case "POST /__test/reset" -> {
                        state.reset();
                        yield ok();
                    }
                    case "POST /__test/fail-next" -> {
                        JsonNode b = JSON.readTree(request.getBodyAsString());
                        state.addNext(new Fault(b.path("status").asInt(), text(b, "error"), text(b, "message"),
                                b.path("accept").asBoolean(false), b.path("delay_ms").asInt(0)),
                                b.path("times").asInt(1));
                        yield ok();
                    }
                    case "POST /__test/delay-next" -> {
                        JsonNode b = JSON.readTree(request.getBodyAsString());
                        state.addNext(new Fault(0, null, null, false, b.path("delay_ms").asInt()),
                                b.path("times").asInt(1));
                        yield ok();
                    }
                    case "POST /__test/fail-for" -> {
                        JsonNode b = JSON.readTree(request.getBodyAsString());
                        String key = recipientKey(b.path("recipient").asText());
                        int status = b.path("status").asInt();
                        if (status == 0) {
                            state.failFor.remove(key);
                        } else {
                            state.failFor.put(key, new Fault(status, text(b, "error"), text(b, "message"), false, 0));
                        }
                        yield ok();
                    }
                    case "POST /__test/status" -> {
                        JsonNode b = JSON.readTree(request.getBodyAsString());
                        yield setStatus(b.path("id").asText(), b.path("status").asText());
                    }
                    default -> json(404, errorBody(404, "NotFound", "No control endpoint " + method + " " + path));
                };
            } catch (Exception e) {
                return json(400, errorBody(400, "BadRequest", String.valueOf(e)));
            }
        }

        private ArrayNode accepted(String reference) {
            ArrayNode out = JSON.createArrayNode();
            Iterable<Stored> source = reference == null ? state.accepted
                    : state.byReference.getOrDefault(reference, new ConcurrentLinkedQueue<>());
            List<Stored> sorted = new ArrayList<>();
            source.forEach(sorted::add);
            sorted.sort(Comparator.comparingLong(Stored::seq));
            for (Stored s : sorted) {
                ObjectNode n = out.addObject();
                n.put("id", s.id());
                n.put("type", s.type());
                n.put("recipient", s.recipient());
                n.put("reference", s.reference());
                n.put("template_id", s.templateId());
                n.set("personalisation", JSON.valueToTree(s.personalisation()));
                n.put("sender_id", s.senderId());
                n.put("body", s.body());
                n.put("subject", s.subject());
                n.put("status", s.status());
                n.put("created_at", s.createdAt().toString());
                ArrayNode address = n.putArray("address");
                s.address().forEach(address::add);
                n.put("postage", s.postage());
            }
            return out;
        }

        private ResponseDefinition setStatus(String id, String status) {
            Stored stored = state.byId.get(id.toLowerCase(Locale.ROOT));
            if (stored == null) {
                return json(404, errorBody(404, "NotFound", "No notification " + id));
            }
            Set<String> known = STATUSES.get(stored.type());
            if (!known.contains(status)) {
                return json(400, errorBody(400, "BadRequest", "A " + stored.type() + " has no status '" + status
                        + "': one of " + new java.util.TreeSet<>(known)));
            }
            stored.currentStatus().set(status);
            return ok();
        }

        private ObjectNode requests() {
            ObjectNode out = JSON.createObjectNode();
            new TreeMap<>(state.responses).forEach((status, n) -> out.put(Integer.toString(status), n.get()));
            return out;
        }

        private static String text(JsonNode body, String field) {
            return body.hasNonNull(field) ? body.get(field).asText() : null;
        }

        private static ResponseDefinition ok() {
            ObjectNode body = JSON.createObjectNode();
            body.put("ok", true);
            return json(200, body);
        }
    }
}
