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
import uk.gov.service.notify.SendSmsResponse;

/** The Notify stub against the real {@link NotificationClient}, and how that client behaves on network trouble. */
class NotifyStubTest {

    private static final String MOBILE = "07700900123";
    private static NotificationClient client;

    @BeforeAll
    static void startStub() {
        Map<String, String> config = NotifyStub.start();
        assertEquals(Set.of("notify.base-url", "notify.api-key", "notify.sms-template-id", "notify.email-template-id",
                "notify.callback-token"), config.keySet());
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
