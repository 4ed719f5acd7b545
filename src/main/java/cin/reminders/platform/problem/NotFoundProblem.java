package cin.reminders.platform.problem;

/** Something named in the path does not exist; answered 404. */
public class NotFoundProblem extends RuntimeException {

    public NotFoundProblem(String message) {
        super(message);
    }
}
