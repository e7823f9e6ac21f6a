package net.websocket.hybi00.fuzz;

/** Bounds shared by the fuzz tests. */
final class FuzzLimits {

    /**
     * How long one input may take, in seconds: far more than any input needs (microseconds), so only a hang trips
     * it. JUnit enforces it per input in regression runs; Jazzer turns it into libFuzzer's {@code -timeout} when
     * fuzzing (scripts/fuzz then disables JUnit's own timeout, which would count the whole fuzzing run).
     */
    static final long SECONDS_PER_INPUT = 10;

    private FuzzLimits() {
    }
}
