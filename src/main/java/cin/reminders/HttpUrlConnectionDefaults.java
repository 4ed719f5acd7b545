package cin.reminders;

/** Timeouts and no silent POST retries for {@code HttpURLConnection} (used by the Notify client). */
public final class HttpUrlConnectionDefaults {

    private HttpUrlConnectionDefaults() {
    }

    public static void apply() {
        setIfAbsent("sun.net.client.defaultConnectTimeout", "5000");
        setIfAbsent("sun.net.client.defaultReadTimeout", "15000");
        // A POST resent by the JDK after a dropped connection could reach Notify twice: we decide on resends ourselves.
        setIfAbsent("sun.net.http.retryPost", "false");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
