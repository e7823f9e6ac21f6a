package net.websocket.itest.autobahn;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The steps the Autobahn tests share: run wstest, read the report, write the summary, check the outcome. */
final class AutobahnRun {

    /**
     * Upper bound for one side's full run. The full case set takes about 3 minutes against a fast server on
     * 2 cores; this leaves room for a loaded machine while still stopping a hung run. Overridable with
     * {@code -Dautobahn.timeout.seconds=N}.
     */
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(Long.getLong("autobahn.timeout.seconds", 480));

    private AutobahnRun() {
    }

    /** Runs wstest's fuzzing client against an echo server and returns the report, with summary.md written. */
    static AutobahnReport fuzzServer(String reportName, String agent, String title, URI echoUrl) throws IOException,
            InterruptedException {
        return fuzzServer(reportName, agent, title, echoUrl, Wstest.cases());
    }

    /** As {@link #fuzzServer(String, String, String, URI)}, with these cases. */
    static AutobahnReport fuzzServer(String reportName, String agent, String title, URI echoUrl, List<String> cases)
            throws IOException, InterruptedException {
        Path outdir = Wstest.outputRoot().resolve(reportName);
        long start = System.nanoTime();
        Wstest.fuzzingClient(outdir, agent, echoUrl, cases, RUN_TIMEOUT);
        return finish(outdir, agent, title, cases, start);
    }

    /** A testee client: runs every case of the fuzzing server at {@code base} under {@code agent}. */
    @FunctionalInterface
    interface Testee {
        void run(URI base, String agent) throws Exception;
    }

    /**
     * Starts wstest's fuzzing server, runs the testee client against it (bounded by {@link #RUN_TIMEOUT}), stops the
     * server and returns the report, with summary.md written.
     */
    static AutobahnReport fuzzClient(String reportName, String agent, String title, Testee testee)
            throws Exception {
        Path outdir = Wstest.outputRoot().resolve(reportName);
        List<String> cases = Wstest.cases();
        long start = System.nanoTime();
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "autobahn-testee");
            t.setDaemon(true);
            return t;
        });
        try (Wstest.FuzzingServer server = Wstest.fuzzingServer(outdir, cases)) {
            Future<?> run = exec.submit(() -> {
                testee.run(server.url(), agent);
                return null;
            });
            try {
                run.get(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                run.cancel(true);
                throw new AssertionError("testee client did not finish within " + RUN_TIMEOUT, e);
            } catch (ExecutionException e) {
                throw new AssertionError("testee client failed: " + e.getCause(), e.getCause());
            }
        } finally {
            exec.shutdownNow();
        }
        return finish(outdir, agent, title, cases, start);
    }

    /** Reads and summarises a finished run. */
    static AutobahnReport finish(Path outdir, String agent, String title, List<String> cases, long startNanos)
            throws IOException {
        AutobahnReport report = AutobahnReport.read(outdir, agent).withPlanned(Wstest.plannedCases(outdir));
        Path summary = report.writeSummary(title);
        System.out.printf("%s: %d cases %s in %d s, %s; summary in %s%n", title, report.cases().size(), cases,
                Duration.ofNanos(System.nanoTime() - startNanos).toSeconds(), report.counts(),
                summary.toAbsolutePath());
        return report;
    }

    /** Fails listing every case that did not pass. */
    static void assertAllPassed(AutobahnReport report) {
        assertTrue(!report.cases().isEmpty(), "wstest ran no case");
        assertEquals(List.of(), report.failures().stream().map(AutobahnReport.CaseResult::id).toList(),
                () -> "Autobahn cases not OK/INFORMATIONAL:\n" + report.describeFailures());
    }
}
