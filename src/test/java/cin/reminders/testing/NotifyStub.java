package cin.reminders.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cin.reminders.platform.embedded.JvmWideServices;

/**
 * Inspects and programs the {@link NotifyStubResource} GOV.UK Notify stub from any class loader. Every call goes over
 * HTTP to the stub's {@code /__test/*} control API; no object is shared with the stub.
 * <p>
 * Faults programmed with {@link #failNext}, {@link #acceptThenFail} and {@link #delayNext} share one FIFO queue and
 * apply to the next send calls ({@code POST /v2/notifications/sms|email|letter}) that pass authentication, in arrival
 * order; look-ups ({@code GET}) are never failed. A {@link #failFor} recipient (phone number, email address, or a
 * letter's UK postcode) fails every send to it and does not consume the queue.
 * <p>
 * Letters: the postage is the template's ({@link #LETTER_TEMPLATE_ID} second class,
 * {@link #LETTER_TEMPLATE_ID_FIRST_CLASS} first class), or europe / rest-of-world when the address's last line is a
 * country abroad. A letter is created {@code accepted}; {@link #setStatus} moves it on ({@code received},
 * {@code cancelled}, {@code validation-failed}, {@code technical-failure}, {@code permanent-failure}, ...).
 * {@code returned-letter} is the stub's own status for a letter Royal Mail returned: Notify itself keeps the letter's
 * status and reports returns separately (a returned-letter callback and report), which the stub does not model. The
 * stub delivers no callbacks to the service.
 */
public final class NotifyStub {

    public static final String KEY_NAME = "cin_reminders_test";
    public static final String SERVICE_ID = "2b8b3c1e-6a9f-4d2e-9f3a-5c7d1e0b4a21";
    public static final String SECRET = "d5f0a6c4-8e1b-4c3f-a2d7-9b6e0f1c3a58";
    /** Formatted as Notify formats keys: {@code <key name>-<service id>-<secret>}. */
    public static final String API_KEY = KEY_NAME + "-" + SERVICE_ID + "-" + SECRET;
    /** The stub's SMS template: {@code ((body))}. */
    public static final String SMS_TEMPLATE_ID = "a1c3e5f7-0b2d-4f6a-8c9e-1d3f5a7b9c01";
    /** The stub's email template: subject {@code ((subject))}, body {@code ((body))}. */
    public static final String EMAIL_TEMPLATE_ID = "b2d4f6a8-1c3e-4a7b-9d0f-2e4a6c8e0d12";
    /** The stub's letter template, posted second class: subject {@code ((subject))}, body {@code ((body))}. */
    public static final String LETTER_TEMPLATE_ID = "c3e5a7b9-2d4f-4b8c-8e1a-3f5b7d9f1e23";
    /** As {@link #LETTER_TEMPLATE_ID}, but the template's postage is first class. */
    public static final String LETTER_TEMPLATE_ID_FIRST_CLASS = "d4f6b8c0-3e5a-4c9d-9f2b-4a6c8e0a2f34";
    public static final String CALLBACK_TOKEN = "test-callback-token";
    /** A fault "status" that resets the connection instead of answering; counted under this key in {@link #requests()}. */
    public static final int CONNECTION_RESET = -1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * A notification the stub accepted (answered 201), with its current status. For a letter {@code recipient} is its
     * address lines joined by new lines (as Notify keeps it) and {@code postage} is set; for SMS and email it is null.
     */
    public record Accepted(String id, String type, String recipient, String reference, String templateId,
            Map<String, Object> personalisation, String senderId, String body, String subject, String status,
            Instant createdAt, String postage) {
    }

    /**
     * A letter the stub accepted: its address lines as Notify reads them (blank lines dropped; the last is the
     * postcode or a country), {@code postage} first, second, europe or rest-of-world, and its current status.
     */
    public record Letter(String id, String reference, String templateId, List<String> addressLines, String subject,
            String body, String postage, String status, Map<String, Object> personalisation, Instant createdAt) {
    }

    private NotifyStub() {
    }

    /** Starts the stub if no test resource has yet (for plain JUnit tests); returns its Quarkus configuration. */
    public static Map<String, String> start() {
        return new NotifyStubResource().start();
    }

    /** {@code http://127.0.0.1:<port>}, as passed to {@code new NotificationClient(apiKey, baseUrl)}. */
    public static String baseUrl() {
        Map<String, String> config = JvmWideServices.find(NotifyStubResource.SERVICE);
        if (config == null) {
            throw new IllegalStateException("The Notify stub is not running: use @TestProfile(RealInfrastructure.class)"
                    + " or call NotifyStub.start()");
        }
        return config.get("notify.base-url");
    }

    /** Every accepted notification, in the order accepted. */
    public static List<Accepted> accepted() {
        return acceptedFrom("/__test/accepted");
    }

    /** The accepted notifications with this reference, in the order accepted. */
    public static List<Accepted> acceptedByReference(String reference) {
        return acceptedFrom("/__test/accepted?reference=" + URLEncoder.encode(reference, StandardCharsets.UTF_8));
    }

    public static long countAcceptedByReference(String reference) {
        return acceptedByReference(reference).size();
    }

    /** Every accepted letter, in the order accepted. */
    public static List<Letter> letters() {
        return lettersFrom("/__test/accepted");
    }

    /** The accepted letters with this reference, in the order accepted. */
    public static List<Letter> lettersByReference(String reference) {
        return lettersFrom("/__test/accepted?reference=" + URLEncoder.encode(reference, StandardCharsets.UTF_8));
    }

    /**
     * Moves an accepted notification to one of Notify's statuses for its type, as the {@code GET} look-ups then show
     * it. A letter: {@code accepted}, {@code received}, {@code cancelled}, {@code pending-virus-check},
     * {@code virus-scan-failed}, {@code validation-failed}, {@code technical-failure}, {@code permanent-failure}, or
     * the stub's {@code returned-letter}. An SMS or email: {@code created}, {@code sending}, {@code pending} (SMS),
     * {@code sent} (SMS), {@code delivered}, {@code permanent-failure}, {@code temporary-failure},
     * {@code technical-failure}. Throws for an unknown id or a status the type does not have.
     */
    public static void setStatus(String notificationId, String status) {
        call("POST", "/__test/status", JSON.createObjectNode().put("id", notificationId).put("status", status));
    }

    /** Responses to Notify API calls ({@code /v2/...}) by status code since the last reset. */
    public static Map<Integer, Long> requests() {
        Map<String, Long> raw = JSON.convertValue(call("GET", "/__test/requests", null),
                new TypeReference<Map<String, Long>>() {
                });
        Map<Integer, Long> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(Integer.valueOf(k), v));
        return out;
    }

    public static long requests(int status) {
        return requests().getOrDefault(status, 0L);
    }

    /**
     * The next {@code times} sends fail with {@code status} and Notify's body for it: 400 ValidationError
     * ("phone_number Not a UK mobile number" / "email_address Not a valid email address" / for a letter "Must be a
     * real UK postcode"), 403 AuthError, 429
     * RateLimitError, 500 Exception "Internal server error", 502/503/504 "Service temporarily unavailable", or
     * {@link #CONNECTION_RESET}. Nothing is accepted.
     */
    public static void failNext(int status, int times) {
        failNext(status, times, null, null);
    }

    /** As {@link #failNext(int, int)} with your own error type and message. */
    public static void failNext(int status, int times, String error, String message) {
        ObjectNode body = JSON.createObjectNode().put("status", status).put("times", times)
                .put("error", error).put("message", message);
        call("POST", "/__test/fail-next", body);
    }

    /**
     * The next {@code times} sends are accepted (recorded, findable by reference) but answered with {@code status}
     * (or a connection reset): the "did Notify get it?" case a sender must settle by reference look-up.
     */
    public static void acceptThenFail(int status, int times) {
        call("POST", "/__test/fail-next",
                JSON.createObjectNode().put("status", status).put("times", times).put("accept", true));
    }

    /** The next {@code times} sends succeed after {@code delay}. */
    public static void delayNext(Duration delay, int times) {
        call("POST", "/__test/delay-next",
                JSON.createObjectNode().put("delay_ms", delay.toMillis()).put("times", times));
    }

    /**
     * Every send to this phone number, email address or (a letter's) UK postcode, normalised as Notify does, fails
     * with {@code status}.
     */
    public static void failFor(String phoneOrEmail, int status) {
        failFor(phoneOrEmail, status, null, null);
    }

    public static void failFor(String phoneOrEmail, int status, String error, String message) {
        call("POST", "/__test/fail-for", JSON.createObjectNode().put("recipient", phoneOrEmail).put("status", status)
                .put("error", error).put("message", message));
    }

    /** Stops failing sends to this recipient. */
    public static void clearFailFor(String phoneOrEmail) {
        failFor(phoneOrEmail, 0);
    }

    /** Forgets accepted notifications, counts and all programmed faults. */
    public static void reset() {
        call("POST", "/__test/reset", null);
    }

    /**
     * A bearer token as the Notify client builds it (HS256, {@code iss}, {@code iat}); for raw HTTP tests, e.g. of
     * clock skew.
     */
    public static String bearerToken(String serviceId, String secret, Instant issuedAt) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + serviceId + "\",\"iat\":" + issuedAt.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        String signature = b64.encodeToString(NotifyStubResource.hmacSha256(secret, header + "." + claims));
        return header + "." + claims + "." + signature;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static List<Accepted> acceptedFrom(String path) {
        List<Accepted> out = new ArrayList<>();
        for (JsonNode n : call("GET", path, null)) {
            out.add(new Accepted(text(n, "id"), text(n, "type"), text(n, "recipient"), text(n, "reference"),
                    text(n, "template_id"),
                    JSON.convertValue(n.get("personalisation"), new TypeReference<Map<String, Object>>() {
                    }),
                    text(n, "sender_id"), text(n, "body"), text(n, "subject"), text(n, "status"),
                    Instant.parse(n.get("created_at").asText()), text(n, "postage")));
        }
        return out;
    }

    private static List<Letter> lettersFrom(String path) {
        List<Letter> out = new ArrayList<>();
        for (JsonNode n : call("GET", path, null)) {
            if (!"letter".equals(text(n, "type"))) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            n.path("address").forEach(line -> lines.add(line.asText()));
            out.add(new Letter(text(n, "id"), text(n, "reference"), text(n, "template_id"), List.copyOf(lines),
                    text(n, "subject"), text(n, "body"), text(n, "postage"), text(n, "status"),
                    JSON.convertValue(n.get("personalisation"), new TypeReference<Map<String, Object>>() {
                    }),
                    Instant.parse(n.get("created_at").asText())));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Notify stub " + method + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Notify stub " + method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
