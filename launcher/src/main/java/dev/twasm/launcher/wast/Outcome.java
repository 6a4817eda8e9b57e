package dev.twasm.launcher.wast;

/** The result of one script command: passed, failed (with what went wrong) or skipped (with why). */
public record Outcome(Status status, String message) {
    public enum Status {
        PASSED,
        FAILED,
        SKIPPED
    }

    public static final Outcome PASSED = new Outcome(Status.PASSED, "");

    public static Outcome failed(String message) {
        return new Outcome(Status.FAILED, message);
    }

    public static Outcome skipped(String reason) {
        return new Outcome(Status.SKIPPED, reason);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
