package cin.reminders.notice.channel;

/** Names a failed send for the notice's record and the logs. */
public final class FailureDescription {

    private FailureDescription() {
    }

    /**
     * The failure's class and where it was thrown, never its message: a client library's message
     * can quote the request, and the request holds a phone number or an email address.
     */
    public static String of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StringBuilder reason = new StringBuilder(failure.getClass().getSimpleName());
        if (root != failure) {
            reason.append(" caused by ").append(root.getClass().getSimpleName());
        }
        StackTraceElement[] frames = root.getStackTrace();
        if (frames.length > 0) {
            reason.append(" at ").append(frames[0].getClassName()).append('.').append(frames[0].getMethodName());
        }
        return reason.toString();
    }
}
