package cin.reminders.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import uk.gov.service.notify.Notification;
import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.NotificationClientException;
import uk.gov.service.notify.NotificationList;
import uk.gov.service.notify.SendEmailResponse;
import uk.gov.service.notify.SendLetterResponse;
import uk.gov.service.notify.SendSmsResponse;

/** The Notify stub against the real {@link NotificationClient}, and how that client behaves on network trouble. */
class NotifyStubTest {

    private static final String MOBILE = "07700900123";
    private static NotificationClient client;

    @BeforeAll
    static void startStub() {
        Map<String, String> config = NotifyStub.start();
        assertEquals(Set.of("notify.base-url", "notify.api-key", "notify.sms-template-id", "notify.email-template-id",
                "notify.letter-template-id", "notify.letter-template-ids.first", "notify.callback-token"),
                config.keySet());
        client = new NotificationClient(config.get("notify.api-key"), config.get("notify.base-url"));
    }

    @BeforeEach
    void reset() {
        NotifyStub.reset();
    }

    private static Map<String, Object> body(String text) {
        return Map.of("body", text);
    }

    private static String ref() {
        return "notice-" + UUID.randomUUID();
    }

    @Test
    void theApiKeySplitsAsTheClientSplitsIt() {
        assertEquals(NotifyStub.SERVICE_ID, client.getServiceId());
        assertEquals(NotifyStub.SECRET, client.getApiKey());
        UUID.fromString(NotifyStub.SERVICE_ID);
        UUID.fromString(NotifyStub.SECRET);
        UUID.fromString(NotifyStub.SMS_TEMPLATE_ID);
        UUID.fromString(NotifyStub.EMAIL_TEMPLATE_ID);
        UUID.fromString(NotifyStub.LETTER_TEMPLATE_ID);
        UUID.fromString(NotifyStub.LETTER_TEMPLATE_ID_FIRST_CLASS);
    }

    @Test
    void anSmsIsAcceptedAndTheClientParsesTheAnswer() throws Exception {
        String ref = ref();
        SendSmsResponse response = client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE,
                Map.of("body", "Your review is due on 3 March", "case", 42), ref);

        assertNotNull(response.getNotificationId());
        assertEquals(ref, response.getReference().orElseThrow());
        assertEquals("Your review is due on 3 March", response.getBody());
        assertTrue(response.getFromNumber().isPresent());
        assertEquals(NotifyStub.SMS_TEMPLATE_ID, response.getTemplateId().toString());
        assertEquals(1, response.getTemplateVersion());

        List<NotifyStub.Accepted> accepted = NotifyStub.accepted();
        assertEquals(1, accepted.size());
        NotifyStub.Accepted a = accepted.get(0);
        assertEquals(response.getNotificationId().toString(), a.id());
        assertEquals("sms", a.type());
        assertEquals(MOBILE, a.recipient());
        assertEquals(ref, a.reference());
        assertEquals(NotifyStub.SMS_TEMPLATE_ID, a.templateId());
        assertEquals(Map.of("body", "Your review is due on 3 March", "case", 42), a.personalisation());
        assertEquals(Map.of(201, 1L), NotifyStub.requests());
    }

    @Test
    void anEmailIsAcceptedWithItsSubject() throws Exception {
        String ref = ref();
        SendEmailResponse response = client.sendEmail(NotifyStub.EMAIL_TEMPLATE_ID, "worker@council.example",
                Map.of("subject", "Review due", "body", "The review is due."), ref);
        assertEquals("Review due", response.getSubject());
        assertEquals("The review is due.", response.getBody());
        assertTrue(response.getFromEmail().isPresent());
        NotifyStub.Accepted a = NotifyStub.accepted().get(0);
        assertEquals("email", a.type());
        assertEquals("worker@council.example", a.recipient());
        assertEquals("Review due", a.subject());
    }

    @Test
    void aSenderCanLookUpWhatWasAcceptedByReference() throws Exception {
        String ref = ref();
        SendSmsResponse sent = client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("first"), ref);
        client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("other"), ref());

        NotificationList found = client.getNotifications(null, null, ref, null);
        assertEquals(1, found.getNotifications().size());
        Notification n = found.getNotifications().get(0);
        assertEquals(sent.getNotificationId(), n.getId());
        assertEquals("sms", n.getNotificationType());
        assertEquals(MOBILE, n.getPhoneNumber().orElseThrow());
        assertEquals("delivered", n.getStatus());
        assertEquals("first", n.getBody());
        assertTrue(client.getNotifications(null, null, "never-sent", null).getNotifications().isEmpty());
        assertEquals(2, client.getNotifications(null, "sms", null, null).getNotifications().size());

        Notification byId = client.getNotificationById(sent.getNotificationId().toString());
        assertEquals(ref, byId.getReference().orElseThrow());
        assertEquals(1, byId.getBillableSmsFragments().orElseThrow());
        NotificationClientException missing = assertThrows(NotificationClientException.class,
                () -> client.getNotificationById(UUID.randomUUID().toString()));
        assertEquals(404, missing.getHttpResult());

        assertEquals(1, NotifyStub.countAcceptedByReference(ref));
        assertEquals(0, NotifyStub.countAcceptedByReference("never-sent"));
    }

    @Test
    void notifyTestNumbersEndInFailureStatuses() throws Exception {
        String id = client.sendSms(NotifyStub.SMS_TEMPLATE_ID, "07700900002", body("x"), ref())
                .getNotificationId().toString();
        assertEquals("permanent-failure", client.getNotificationById(id).getStatus());
    }

    @Test
    void aWrongApiKeyIs403() {
        String wrongSecret = UUID.randomUUID().toString();
        NotificationClient wrong = new NotificationClient(
                NotifyStub.KEY_NAME + "-" + NotifyStub.SERVICE_ID + "-" + wrongSecret, NotifyStub.baseUrl());
        NotificationClientException e = assertThrows(NotificationClientException.class,
                () -> wrong.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref()));
        assertEquals(403, e.getHttpResult());
        assertTrue(e.getMessage().contains("\"AuthError\""), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid token: API key not found"), e.getMessage());

        NotificationClient otherService = new NotificationClient(
                NotifyStub.KEY_NAME + "-" + UUID.randomUUID() + "-" + NotifyStub.SECRET, NotifyStub.baseUrl());
        NotificationClientException e2 = assertThrows(NotificationClientException.class,
                () -> otherService.getNotifications(null, null, "x", null));
        assertEquals(403, e2.getHttpResult());
        assertTrue(NotifyStub.accepted().isEmpty());
        assertEquals(Map.of(403, 2L), NotifyStub.requests());
    }

    @Test
    void aTokenOutsideThirtySecondsOrMissingIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String json = "{\"phone_number\":\"" + MOBILE + "\",\"template_id\":\"" + NotifyStub.SMS_TEMPLATE_ID
                + "\",\"personalisation\":{\"body\":\"x\"}}";
        HttpResponse<String> stale = http.send(HttpRequest.newBuilder(URI.create(NotifyStub.baseUrl()
                + "/v2/notifications/sms"))
                .header("Authorization", "Bearer " + NotifyStub.bearerToken(NotifyStub.SERVICE_ID, NotifyStub.SECRET,
                        Instant.now().minusSeconds(45)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, stale.statusCode());
        assertTrue(stale.body().contains("Error: Your system clock must be accurate to within 30 seconds"));

        HttpResponse<String> fresh = http.send(HttpRequest.newBuilder(URI.create(NotifyStub.baseUrl()
                + "/v2/notifications/sms"))
                .header("Authorization", "Bearer " + NotifyStub.bearerToken(NotifyStub.SERVICE_ID, NotifyStub.SECRET,
                        Instant.now().minusSeconds(20)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, fresh.statusCode());

        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(NotifyStub.baseUrl()
                + "/v2/notifications/sms")).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode());
        assertTrue(none.body().contains("authentication token must be provided"));
    }

    @Test
    void failNextRateLimitsTwiceThenAccepts() throws Exception {
        NotifyStub.failNext(429, 2);
        String ref = ref();
        for (int attempt = 0; attempt < 2; attempt++) {
            NotificationClientException e = assertThrows(NotificationClientException.class,
                    () -> client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref));
            assertEquals(429, e.getHttpResult());
            assertTrue(e.getMessage().contains("RateLimitError"), e.getMessage());
        }
        client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref);
        assertEquals(1, NotifyStub.countAcceptedByReference(ref));
        assertEquals(Map.of(429, 2L, 201, 1L), NotifyStub.requests());
    }

    @Test
    void failForARecipientFailsEverySendToIt() throws Exception {
        NotifyStub.failFor("+44 7700 900456", 400);
        for (int i = 0; i < 2; i++) {
            NotificationClientException e = assertThrows(NotificationClientException.class,
                    () -> client.sendSms(NotifyStub.SMS_TEMPLATE_ID, "07700900456", body("x"), ref()));
            assertEquals(400, e.getHttpResult());
            assertTrue(e.getMessage().contains("phone_number Not a UK mobile number"), e.getMessage());
        }
        client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref());
        NotifyStub.clearFailFor("07700900456");
        client.sendSms(NotifyStub.SMS_TEMPLATE_ID, "07700900456", body("x"), ref());
        assertEquals(2, NotifyStub.accepted().size());
    }

    @Test
    void theStubValidatesAsNotifyDoes() {
        NotificationClientException landline = assertThrows(NotificationClientException.class,
                () -> client.sendSms(NotifyStub.SMS_TEMPLATE_ID, "01632960001", body("x"), ref()));
        assertEquals(400, landline.getHttpResult());
        assertTrue(landline.getMessage().contains("phone_number Not a UK mobile number"));

        NotificationClientException missing = assertThrows(NotificationClientException.class,
                () -> client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, Map.of("name", "x"), ref()));
        assertTrue(missing.getMessage().contains("Missing personalisation: body"), missing.getMessage());

        NotificationClientException wrongTemplate = assertThrows(NotificationClientException.class,
                () -> client.sendSms(NotifyStub.EMAIL_TEMPLATE_ID, MOBILE, body("x"), ref()));
        assertTrue(wrongTemplate.getMessage().contains("email template is not suitable for sms notification"));

        NotificationClientException tooLong = assertThrows(NotificationClientException.class,
                () -> client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x".repeat(919)), ref()));
        assertTrue(tooLong.getMessage().contains("cannot be longer than 918 characters"));
        assertTrue(NotifyStub.accepted().isEmpty());
    }

    @Test
    void serverErrorsReachTheCallerAsTheirStatus() throws Exception {
        NotifyStub.failNext(503, 1);
        NotifyStub.failNext(500, 1);
        NotificationClientException unavailable = assertThrows(NotificationClientException.class,
                () -> client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref()));
        assertEquals(503, unavailable.getHttpResult());
        NotificationClientException internal = assertThrows(NotificationClientException.class,
                () -> client.sendEmail(NotifyStub.EMAIL_TEMPLATE_ID, "a@council.example",
                        Map.of("subject", "s", "body", "b"), ref()));
        assertEquals(500, internal.getHttpResult());
        assertTrue(internal.getMessage().contains("Internal server error"));
        assertTrue(NotifyStub.accepted().isEmpty());
    }

    @Test
    void acceptThenFailLeavesANotificationTheReferenceLookupFinds() throws Exception {
        NotifyStub.acceptThenFail(500, 1);
        String ref = ref();
        NotificationClientException e = assertThrows(NotificationClientException.class,
                () -> client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref));
        assertEquals(500, e.getHttpResult());
        assertEquals(1, client.getNotifications(null, null, ref, null).getNotifications().size());
        assertEquals(1, NotifyStub.countAcceptedByReference(ref));
    }

    @Test
    void concurrentSendsAreAllRecorded() throws Exception {
        NotifyStub.failNext(429, 10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> refs = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        List<Integer> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 200; i++) {
            futures.add(pool.submit(() -> {
                String ref = ref();
                refs.add(ref);
                while (true) {
                    try {
                        client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref);
                        return null;
                    } catch (NotificationClientException e) {
                        failures.add(e.getHttpResult());
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(200, NotifyStub.accepted().size());
        assertEquals(10, failures.size());
        assertEquals(Map.of(429, 10L, 201, 200L), NotifyStub.requests());
        for (String ref : refs) {
            assertEquals(1, client.getNotifications(null, null, ref, null).getNotifications().size());
        }
    }

    /** As in a @QuarkusTest: the test's classes come from another class loader than the running stub's. */
    @Test
    void theAccessorWorksFromAnotherClassLoader() throws Exception {
        try (URLClassLoader isolated = isolatedLoader()) {
            Class<?> stub = isolated.loadClass(NotifyStub.class.getName());
            assertNotEquals(NotifyStub.class, stub);
            stub.getMethod("failNext", int.class, int.class).invoke(null, 429, 1);
            assertEquals(429, assertThrows(NotificationClientException.class,
                    () -> client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), "r")).getHttpResult());
            String ref = ref();
            client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref);
            assertEquals(1L, stub.getMethod("countAcceptedByReference", String.class).invoke(null, ref));
            List<?> accepted = (List<?>) stub.getMethod("accepted").invoke(null);
            assertEquals(1, accepted.size());
            assertEquals(isolated, accepted.get(0).getClass().getClassLoader());
            assertEquals(Map.of(429, 1L, 201, 1L), stub.getMethod("requests").invoke(null));
        }
    }

    // ---- Letters -----------------------------------------------------------------------------------------------

    /** A letter's personalisation: the address lines given (null for none), subject and body. */
    private static Map<String, Object> letter(String... lines) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] != null) {
                p.put("address_line_" + (i + 1), lines[i]);
            }
        }
        p.put("subject", "Child in need review");
        p.put("body", "The review meeting is on 3 March.");
        return p;
    }

    private static NotificationClientException refusedLetter(Map<String, Object> personalisation) {
        NotificationClientException e = assertThrows(NotificationClientException.class,
                () -> client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID, personalisation, ref()));
        assertEquals(400, e.getHttpResult(), e.getMessage());
        return e;
    }

    @Test
    void aLetterIsAcceptedAndTheClientParsesTheAnswer() throws Exception {
        String ref = ref();
        SendLetterResponse response = client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID,
                letter("A Parent", "1 High Street", "Exampleton", "sw1a1aa"), ref);

        assertNotNull(response.getNotificationId());
        assertEquals(ref, response.getReference().orElseThrow());
        assertEquals("Child in need review", response.getSubject());
        assertEquals("The review meeting is on 3 March.", response.getBody());
        assertEquals(NotifyStub.LETTER_TEMPLATE_ID, response.getTemplateId().toString());
        assertEquals(1, response.getTemplateVersion());
        assertTrue(response.getTemplateUri().endsWith("/v2/template/" + NotifyStub.LETTER_TEMPLATE_ID + "/version/1"));
        assertTrue(response.getPostage().isEmpty()); // a templated letter's answer has no postage in Notify

        List<NotifyStub.Letter> letters = NotifyStub.letters();
        assertEquals(1, letters.size());
        NotifyStub.Letter l = letters.get(0);
        assertEquals(response.getNotificationId().toString(), l.id());
        assertEquals(ref, l.reference());
        assertEquals(List.of("A Parent", "1 High Street", "Exampleton", "sw1a1aa"), l.addressLines());
        assertEquals("Child in need review", l.subject());
        assertEquals("The review meeting is on 3 March.", l.body());
        assertEquals("second", l.postage());
        assertEquals("accepted", l.status());
        assertEquals(NotifyStub.LETTER_TEMPLATE_ID, l.templateId());

        NotifyStub.Accepted a = NotifyStub.accepted().get(0);
        assertEquals("letter", a.type());
        assertEquals("second", a.postage());
        assertEquals("A Parent\n1 High Street\nExampleton\nsw1a1aa", a.recipient());
        assertEquals(Map.of(201, 1L), NotifyStub.requests());
    }

    @Test
    void postageIsTheTemplatesOrAbroadTheCountrys() throws Exception {
        String first = ref();
        client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID_FIRST_CLASS,
                letter("A Parent", "1 High Street", "Exampleton", "SW1A 1AA", "United Kingdom"), first);
        String france = ref();
        client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID, letter("A Parent", "1 rue de la Paix", "75002 Paris",
                "France"), france);
        String usa = ref();
        client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID, letter("A Parent", "1 Main Street", "Springfield IL 62701",
                "USA"), usa);
        Map<String, Object> postcodeField = letter("A Parent", "2 Low Road", "Exampleton");
        postcodeField.put("postcode", "M1 1AE");
        String second = ref();
        client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID, postcodeField, second);

        NotifyStub.Letter firstClass = NotifyStub.lettersByReference(first).get(0);
        assertEquals("first", firstClass.postage());
        assertEquals(List.of("A Parent", "1 High Street", "Exampleton", "SW1A 1AA"), firstClass.addressLines());
        assertEquals("europe", NotifyStub.lettersByReference(france).get(0).postage());
        assertEquals("rest-of-world", NotifyStub.lettersByReference(usa).get(0).postage());
        NotifyStub.Letter byPostcodeField = NotifyStub.lettersByReference(second).get(0);
        assertEquals("second", byPostcodeField.postage());
        assertEquals(List.of("A Parent", "2 Low Road", "Exampleton", "M1 1AE"), byPostcodeField.addressLines());
        assertEquals("M1 1AE", client.getNotificationById(byPostcodeField.id()).getPostcode().orElseThrow());
    }

    @Test
    void theStubValidatesLettersAsNotifyDoes() {
        assertTrue(refusedLetter(letter("A Parent", "SW1A 1AA")).getMessage()
                .contains("Address must be at least 3 lines"));
        assertTrue(refusedLetter(letter("A Parent", null, "   ", "SW1A 1AA")).getMessage()
                .contains("Address must be at least 3 lines"));

        NotificationClientException lastLine = refusedLetter(letter("A Parent", "1 High Street", "Exampleton",
                "Narnia"));
        assertTrue(lastLine.getMessage().contains("\"ValidationError\""), lastLine.getMessage());
        assertTrue(lastLine.getMessage().contains("Last line of address must be a real UK postcode or another country"),
                lastLine.getMessage());
        assertTrue(refusedLetter(letter("A Parent", "1 High Street", "Exampleton", "SW1A 1A")).getMessage()
                .contains("Last line of address must be a real UK postcode or another country"));

        Map<String, Object> badPostcode = letter("A Parent", "1 High Street", "Exampleton");
        badPostcode.put("postcode", "France");
        NotificationClientException postcode = refusedLetter(badPostcode);
        assertTrue(postcode.getMessage().contains("\"ValidationError\""), postcode.getMessage());
        assertTrue(postcode.getMessage().contains("Must be a real UK postcode"), postcode.getMessage());

        NotificationClientException punctuation = refusedLetter(letter("A Parent", "-- ..", "Exampleton",
                "SW1A 1AA"));
        assertTrue(punctuation.getMessage().contains("\"ValidationError\""), punctuation.getMessage());
        assertTrue(punctuation.getMessage().contains("Must be a real address"), punctuation.getMessage());
        assertTrue(refusedLetter(letter(" ", "1 High Street", "Exampleton", "SW1A 1AA")).getMessage()
                .contains("Must be a real address"));
        assertTrue(refusedLetter(letter("A Parent", "No fixed abode", "Exampleton", "SW1A 1AA")).getMessage()
                .contains("Must be a real address"));

        assertTrue(refusedLetter(letter("A Parent", "(Flat 1) High Street", "Exampleton", "SW1A 1AA")).getMessage()
                .contains("Address lines must not start with any of the following characters"));

        Map<String, Object> noBody = letter("A Parent", "1 High Street", "Exampleton", "SW1A 1AA");
        noBody.remove("body");
        assertTrue(refusedLetter(noBody).getMessage().contains("Missing personalisation: body"));
        Map<String, Object> noAddress = new LinkedHashMap<>(Map.of("subject", "s", "body", "b"));
        assertTrue(refusedLetter(noAddress).getMessage()
                .contains("personalisation address_line_1 is a required property"));
        NotificationClientException wrongTemplate = assertThrows(NotificationClientException.class,
                () -> client.sendLetter(NotifyStub.EMAIL_TEMPLATE_ID,
                        letter("A Parent", "1 High Street", "Exampleton", "SW1A 1AA"), ref()));
        assertTrue(wrongTemplate.getMessage().contains("email template is not suitable for letter notification"));
        NotificationClientException letterBySms = assertThrows(NotificationClientException.class,
                () -> client.sendSms(NotifyStub.LETTER_TEMPLATE_ID, MOBILE, body("x"), ref()));
        assertTrue(letterBySms.getMessage().contains("letter template is not suitable for sms notification"));
        assertTrue(NotifyStub.accepted().isEmpty());
        assertEquals(Map.of(400, 13L), NotifyStub.requests());
    }

    @Test
    void rateLimitsAndServerErrorsApplyToLetters() throws Exception {
        NotifyStub.failNext(429, 1);
        NotifyStub.failNext(500, 1);
        NotifyStub.failNext(503, 1);
        Map<String, Object> address = letter("A Parent", "1 High Street", "Exampleton", "SW1A 1AA");
        String ref = ref();
        NotificationClientException limited = assertThrows(NotificationClientException.class,
                () -> client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID, address, ref));
        assertEquals(429, limited.getHttpResult());
        assertTrue(limited.getMessage().contains("RateLimitError"), limited.getMessage());
        NotificationClientException internal = assertThrows(NotificationClientException.class,
                () -> client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID, address, ref));
        assertEquals(500, internal.getHttpResult());
        assertTrue(internal.getMessage().contains("Internal server error"), internal.getMessage());
        // the queue is shared: the third fault falls on the next send, whatever its type
        assertEquals(503, assertThrows(NotificationClientException.class,
                () -> client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref())).getHttpResult());
        assertTrue(NotifyStub.letters().isEmpty());

        client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID, address, ref);
        assertEquals(1, NotifyStub.lettersByReference(ref).size());
        assertEquals(Map.of(429, 1L, 500, 1L, 503, 1L, 201, 1L), NotifyStub.requests());
    }

    @Test
    void acceptThenFailAndFailForApplyToLetters() throws Exception {
        NotifyStub.acceptThenFail(502, 1);
        String ref = ref();
        Map<String, Object> address = letter("A Parent", "1 High Street", "Exampleton", "SW1A 1AA");
        assertEquals(502, assertThrows(NotificationClientException.class,
                () -> client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID, address, ref)).getHttpResult());
        assertEquals(1, client.getNotifications(null, "letter", ref, null).getNotifications().size());

        NotifyStub.failFor("sw1a1aa", 400);
        NotificationClientException e = assertThrows(NotificationClientException.class,
                () -> client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID, address, ref()));
        assertEquals(400, e.getHttpResult());
        assertTrue(e.getMessage().contains("Must be a real UK postcode"), e.getMessage());
        client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID, letter("A Parent", "1 High Street", "Exampleton", "M1 1AE"),
                ref());
        NotifyStub.clearFailFor("SW1A 1AA");
        client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID, address, ref());
        assertEquals(3, NotifyStub.letters().size());
    }

    @Test
    void aLetterIsFoundByReferenceWithItsTypeAndPostage() throws Exception {
        String ref = ref();
        SendLetterResponse sent = client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID_FIRST_CLASS,
                letter("A Parent", "Flat 2", "1 High Street", "Exampleton", "SW1A 1AA"), ref);
        client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref);

        NotificationList found = client.getNotifications(null, "letter", ref, null);
        assertEquals(1, found.getNotifications().size());
        Notification n = found.getNotifications().get(0);
        assertEquals(sent.getNotificationId(), n.getId());
        assertEquals("letter", n.getNotificationType());
        assertEquals("first", n.getPostage().orElseThrow());
        assertEquals("accepted", n.getStatus());
        assertEquals("A Parent", n.getLine1().orElseThrow());
        assertEquals("Flat 2", n.getLine2().orElseThrow());
        assertEquals("Exampleton", n.getLine4().orElseThrow());
        assertEquals("SW1A 1AA", n.getLine5().orElseThrow());
        assertTrue(n.getLine6().isEmpty());
        assertTrue(n.getPhoneNumber().isEmpty());
        assertEquals("Child in need review", n.getSubject().orElseThrow());
        assertTrue(n.getEstimatedDelivery().isPresent());
        assertEquals(2, client.getNotifications(null, null, ref, null).getNotifications().size());

        Notification byId = client.getNotificationById(sent.getNotificationId().toString());
        assertEquals("letter", byId.getNotificationType());
        assertEquals(ref, byId.getReference().orElseThrow());
        assertEquals("first", byId.getPostage().orElseThrow());
        assertEquals(1, NotifyStub.lettersByReference(ref).size()); // only the letter, not the SMS
        assertEquals(2, NotifyStub.countAcceptedByReference(ref));
    }

    @Test
    void aLettersStatusChangeIsVisibleOnLookUp() throws Exception {
        String ref = ref();
        String id = client.sendLetter(NotifyStub.LETTER_TEMPLATE_ID,
                letter("A Parent", "1 High Street", "Exampleton", "SW1A 1AA"), ref).getNotificationId().toString();
        assertEquals("accepted", client.getNotificationById(id).getStatus());
        assertTrue(client.getNotificationById(id).getSentAt().isEmpty());

        NotifyStub.setStatus(id, "received");
        assertEquals("received", client.getNotificationById(id).getStatus());
        assertTrue(client.getNotificationById(id).getSentAt().isPresent());
        assertEquals("received", client.getNotifications("received", "letter", ref, null).getNotifications().get(0)
                .getStatus());
        assertTrue(client.getNotifications("accepted", "letter", ref, null).getNotifications().isEmpty());
        assertEquals("received", NotifyStub.lettersByReference(ref).get(0).status());

        for (String status : List.of("cancelled", "validation-failed", "technical-failure", "permanent-failure",
                "returned-letter")) {
            NotifyStub.setStatus(id, status);
            assertEquals(status, client.getNotifications(null, null, ref, null).getNotifications().get(0).getStatus());
        }
        assertThrows(IllegalStateException.class, () -> NotifyStub.setStatus(id, "delivered"));
        assertThrows(IllegalStateException.class, () -> NotifyStub.setStatus(UUID.randomUUID().toString(), "received"));
        String sms = client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref()).getNotificationId()
                .toString();
        assertThrows(IllegalStateException.class, () -> NotifyStub.setStatus(sms, "received"));
        NotifyStub.setStatus(sms, "temporary-failure");
        assertEquals("temporary-failure", client.getNotificationById(sms).getStatus());
    }

    // ---- How NotificationClient 6.0.0 behaves on network trouble --------------------------------------------------

    @Test
    void connectionRefusedIsAnExceptionWithHttpResultZero() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        NotificationClient nowhere = new NotificationClient(NotifyStub.API_KEY, "http://127.0.0.1:" + closedPort);
        NotificationClientException e = assertThrows(NotificationClientException.class,
                () -> nowhere.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref()));
        assertEquals(0, e.getHttpResult());
        assertInstanceOf(ConnectException.class, e.getCause());
        assertEquals("java.net.ConnectException: Connection refused", e.getMessage());
        NotificationClientException get = assertThrows(NotificationClientException.class,
                () -> nowhere.getNotifications(null, null, "x", null));
        assertEquals(0, get.getHttpResult());
        assertInstanceOf(ConnectException.class, get.getCause());
    }

    @Test
    void withoutTimeoutsASlowServerIsWaitedFor() throws Exception {
        NotifyStub.delayNext(Duration.ofMillis(2500), 1);
        long start = System.nanoTime();
        client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, body("x"), ref());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(2400));
    }

    @Test
    void aReadTimeoutPropertyOnTheCommandLineTimesOutAndTheNoticeWasStillAccepted() throws Exception {
        NotifyStub.delayNext(Duration.ofSeconds(3), 1);
        String ref = ref();
        String out = probe(List.of("-Dsun.net.client.defaultReadTimeout=500"), "send", ref);
        assertTrue(out.startsWith("exception 0 java.net.SocketTimeoutException"), out);
        assertTrue(elapsed(out) < 2500, out);
        assertEquals(1, NotifyStub.countAcceptedByReference(ref)); // unknown outcome: look up before resending
    }

    @Test
    void theReadTimeoutPropertySetInCodeBeforeAnyHttpUrlConnectionWorks() throws Exception {
        NotifyStub.delayNext(Duration.ofSeconds(3), 1);
        String out = probe(List.of(), "set-property-then-send", ref());
        assertTrue(out.startsWith("exception 0 java.net.SocketTimeoutException"), out);
    }

    @Test
    void theReadTimeoutPropertySetAfterTheFirstHttpUrlConnectionIsIgnored() throws Exception {
        NotifyStub.delayNext(Duration.ofMillis(2000), 1);
        String out = probe(List.of(), "get-then-set-property-then-send", ref());
        assertTrue(out.startsWith("ok"), out);
        assertTrue(elapsed(out) >= 1900, out);
    }

    @Test
    void withTheJdkDefaultAConnectionResetAfterNotifyAcceptedIsSilentlyResent() throws Exception {
        // Why the service sets sun.net.http.retryPost=false (cin.reminders.HttpUrlConnectionDefaults): the JDK's
        // default retries the POST by itself, the caller sees a plain 201, and Notify has the text twice.
        NotifyStub.acceptThenFail(NotifyStub.CONNECTION_RESET, 1);
        String ref = ref();
        String out = probe(List.of("-Dsun.net.http.retryPost=true"), "send", ref);
        assertTrue(out.startsWith("ok"), out);
        assertEquals(2, NotifyStub.countAcceptedByReference(ref));
    }

    @Test
    void retryPostFalseTurnsTheSilentResendIntoAnException() throws Exception {
        NotifyStub.acceptThenFail(NotifyStub.CONNECTION_RESET, 1);
        String ref = ref();
        String out = probe(List.of("-Dsun.net.http.retryPost=false"), "send", ref);
        assertTrue(out.startsWith("exception 0 java.net.SocketException"), out);
        assertEquals(1, NotifyStub.countAcceptedByReference(ref));
    }

    private static long elapsed(String probeOutput) {
        String[] words = probeOutput.trim().split(" ");
        return Long.parseLong(words[words.length - 1].replace("ms", ""));
    }

    /** Runs {@link ClientProbe} in a fresh JVM (the sun.net properties are read once per JVM). */
    private static String probe(List<String> jvmArgs, String mode, String ref) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClientProbe.class.getName());
        command.add(NotifyStub.baseUrl());
        command.add(mode);
        command.add(ref);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return output.lines().filter(l -> l.startsWith("RESULT ")).map(l -> l.substring(7)).findFirst()
                .orElseThrow(() -> new AssertionError("probe printed no result:\n" + output));
    }

    /** A NotificationClient call in a fresh JVM; prints {@code RESULT ok <ms>} or {@code RESULT exception ...}. */
    public static final class ClientProbe {
        public static void main(String[] args) {
            String baseUrl = args[0];
            String mode = args[1];
            String ref = args[2];
            try {
                if (mode.equals("set-property-then-send")) {
                    System.setProperty("sun.net.client.defaultReadTimeout", "500");
                }
                NotificationClient client = new NotificationClient(NotifyStub.API_KEY, baseUrl);
                if (mode.equals("get-then-set-property-then-send")) {
                    client.getNotifications(null, null, "warm-up", null);
                    System.setProperty("sun.net.client.defaultReadTimeout", "500");
                }
                long start = System.nanoTime();
                try {
                    client.sendSms(NotifyStub.SMS_TEMPLATE_ID, MOBILE, Map.of("body", "x"), ref);
                    System.out.println("RESULT ok " + (System.nanoTime() - start) / 1_000_000 + "ms");
                } catch (NotificationClientException e) {
                    System.out.println("RESULT exception " + e.getHttpResult() + " "
                            + (e.getCause() == null ? "-" : e.getCause().getClass().getName()) + " "
                            + (System.nanoTime() - start) / 1_000_000 + "ms");
                }
            } catch (Exception e) {
                System.out.println("RESULT error " + e);
            }
        }
    }

    /** A loader that sees the test class path but shares nothing with this one except the JDK. */
    static URLClassLoader isolatedLoader() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader("isolated", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
