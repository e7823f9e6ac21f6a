package net.websocket.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark driver: starts each echo server in its own pinned JVM, runs the scenarios against it from this JVM
 * (the load generator, pinned to another CPU by {@code bench/run}), interleaves the servers round by round, and
 * prints and writes a table of medians with ratios to Netty 4.1 and 4.2 ({@link Netty42}) and to the raw TCP echo.
 * The raw echo returns the same bytes as the WebSocket servers get, parsing nothing: its figures are the limit of
 * each scenario (what the loopback, the kernel and this generator allow), not a competitor's.
 *
 * <p>Scenarios: (a) many connections with many small messages in flight: messages per second and per server
 * CPU-second; (b) round-trip latency percentiles with one message in flight; (c) 1 MiB binary echo throughput;
 * (d) whole connections (open and close handshakes) per second; (e) resident memory and live heap per idle
 * connection; (f) 4 KB JSON-like text echoes with and without permessage-deflate: throughput, server CPU per message
 * and bytes on the wire (servers started with {@code -Dbench.deflate=true}; the raw echo only without it); (h) the
 * same small text echo over hybi-00 (hixie-76): latency with one message in flight, and messages per second and per
 * server CPU-second with one message in flight on each of many connections (ours, both Netty lines and the raw echo:
 * Jetty does not speak it); (i) echoing bystanders' latency, quiet and during a flood of 20,000 handshakes from raw
 * sockets ({@link HandshakeFlood}); (j) one message to many connections: broadcast deliveries per second and per
 * server CPU-second to the run's idle connection count of readers, ours ({@code WebSocketServer.broadcast}) next
 * to Netty's {@code ChannelGroup.writeAndFlush} ({@link FanOutLoad}). The raw echo's limits: (a), (b), (c), (f),
 * (h) and (i) send it the same bytes;
 * (d) also counts TCP connections alone (connect and close, no bytes); (e) holds idle TCP connections. See
 * docs/PERFORMANCE.md and docs/COMPRESSION.md.
 *
 * <p>With a {@link Baseline} (our server built from another git revision by {@code bench/run --baseline REV}), that
 * build's server runs right beside ours in every round, as one more server, and the report compares the two figure
 * by figure, round by round ({@link BaselineComparison}). Rounds alternate the servers' order ({@link #order}).
 */
public final class Suite {

    /** The raw TCP echo: the limit of every scenario, not a WebSocket server. */
    static final String RAW = "raw";

    /** The servers of a run by default, in the order each round runs them (others: {@link Containers}). */
    static final List<String> SERVERS = List.of("ours", "netty", Netty42.NAME, "jetty", RAW);

    /** The JVM flags every server gets: one collector and heap limit for all, so memory figures compare. */
    static final List<String> SERVER_JVM_FLAGS = List.of("-Xmx1g", "-XX:+UseSerialGC");

    /** Scenario (a): connections, messages in flight on each, payload bytes. */
    static final int A_CONNECTIONS = 64;
    static final int A_IN_FLIGHT = 16;
    static final int A_PAYLOAD = 32;

    /** Scenario (c): connections, payload bytes (one message in flight on each). */
    static final int C_CONNECTIONS = 4;
    static final int C_PAYLOAD = 1 << 20;

    /** Scenario (f): connections, messages in flight on each, payload bytes (JSON-like text). */
    static final int F_CONNECTIONS = 16;
    static final int F_IN_FLIGHT = 4;
    static final int F_PAYLOAD = 4096;

    /**
     * Scenario (f): distinct messages each connection sends in turn, 128 KB in all: more than a 32 KiB window, so a
     * server with context takeover finds no earlier copy of a message to refer back to.
     */
    static final int F_DISTINCT = 32;

    /** What scenario (f)'s servers get besides {@link #SERVER_JVM_FLAGS}. */
    static final List<String> DEFLATE_FLAGS = List.of("-Dbench.deflate=true");

    /**
     * Scenario (h2): hybi-00 connections, each with one 32-byte message in flight, so that an echo comes back in
     * one read and frames are hardly ever split across reads.
     */
    static final int H_CONNECTIONS = 64;

    /** The servers that speak hybi-00, and the raw echo: the only ones scenario (h) runs against. */
    static final List<String> HYBI00_SERVERS = List.of("ours", "netty", Netty42.NAME, RAW);

    /** Scenario (j): payload bytes of each broadcast message (readers: the run's idle connection count). */
    static final int J_PAYLOAD = 64;

    /** What scenario (j)'s servers get besides {@link #SERVER_JVM_FLAGS}. */
    static final List<String> BROADCAST_FLAGS = List.of("-Dbench.broadcast=true");

    /** The servers scenario (j) runs against: those with a broadcast of their own (not a baseline build either). */
    static final List<String> BROADCAST_SERVERS = List.of("ours", "netty", Netty42.NAME);

    /** The scenarios of a full run. */
    static final String ALL_SCENARIOS = "abcdefhij";

    /** Scenario (d): client threads making connections one after the other. */
    static final int D_WORKERS = 4;

    /** The one-minute load average above which the report warns that the machine was not quiet. */
    static final double QUIET_LOAD = 0.5;

    /** Classes listed per server under "live heap per idle connection". */
    static final int HEAP_GROWTH_ROWS = 24;

    /** This JVM: the load generator. */
    static final long SELF = ProcessHandle.current().pid();

    /** The longest opening of all the connections of one scenario. */
    static final long OPEN_TIMEOUT_NANOS = 120_000_000_000L;

    /** The longest closing of all the connections of one scenario. */
    static final long CLOSE_TIMEOUT_NANOS = 30_000_000_000L;

    private final Settings settings;
    /** server -> metric key -> one value per round. */
    private final Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    /** server -> the classes whose live bytes grew most with the idle connections (last round). */
    private final Map<String, String> heapGrowth = new LinkedHashMap<>();
    private long seed = 20_261_122L;

    Suite(Settings settings) {
        this.settings = settings;
        for (String s : settings.servers()) {
            results.put(s, new LinkedHashMap<>());
        }
    }

    public static void main(String[] args) throws IOException {
        // --profiler jfr|async picks the profiler of --profile (Profile): not a setting of the suite's rounds
        String profiler = "jfr";
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--profiler") && i + 1 < args.length) {
                profiler = args[++i];
            } else {
                rest.add(args[i]);
            }
        }
        Settings settings = Settings.parse(rest.toArray(new String[0]));
        Suite suite = new Suite(settings);
        if (settings.profile() != null) {
            Profile.run(suite, settings.profile(), profiler);
            return;
        }
        String startLoad = loadAverage();
        long t0 = System.nanoTime();
        for (int round = 1; round <= settings.rounds(); round++) {
            for (String server : order(settings.servers(), round)) {
                suite.runServer(server, round);
            }
        }
        String report = new Report(suite).render(startLoad, (System.nanoTime() - t0) / 1e9);
        System.out.println();
        System.out.println(report);
        Files.createDirectories(settings.outDir());
        Files.writeString(settings.outDir().resolve("results.md"), report, StandardCharsets.UTF_8);
        System.out.println("written to " + settings.outDir().resolve("results.md"));
    }

    /**
     * The order the servers run in this round: as given in odd rounds, reversed in even ones, so that no server
     * (and, with a baseline, neither build of ours) always runs first, right after another, or while the machine
     * warms up; a drift in the machine's speed over a round then weighs on each side alike.
     */
    static List<String> order(List<String> servers, int round) {
        if (round % 2 == 1) {
            return servers;
        }
        List<String> reversed = new ArrayList<>(servers);
        Collections.reverse(reversed);
        return reversed;
    }

    // ------------------------------------------------------------------------------------------ running

    ServerProcess start(String server, int round, List<String> extraFlags) throws IOException {
        List<String> flags = new ArrayList<>(SERVER_JVM_FLAGS);
        flags.addAll(extraFlags);
        Path log = settings.outDir().resolve("logs").resolve(server + "-" + round + ".log");
        Baseline baseline = settings.baseline();
        if (baseline != null && server.equals(baseline.name())) {
            return ServerProcess.start(server, Baseline.MAIN_CLASS, baseline.classPath(), "/echo", true,
                    settings.serverCpu(), flags, log);
        }
        if (server.equals(Netty42.NAME)) {
            return ServerProcess.start(server, Netty42.MAIN_CLASS, Netty42.classPath(), "/echo", true,
                    settings.serverCpu(), flags, log);
        }
        Containers.Server container = Containers.get(server);
        if (container != null) {
            return ServerProcess.start(server, Containers.PACKAGE + container.mainClass(),
                    Containers.classPath(container), container.path(), true, settings.serverCpu(), flags, log);
        }
        String main = "net.websocket.bench.servers." + Character.toUpperCase(server.charAt(0)) + server.substring(1)
                + "EchoServer";
        return ServerProcess.start(server, main, System.getProperty("java.class.path"), "/echo",
                !server.equals(RAW), settings.serverCpu(), flags, log);
    }

    /** Whether scenario (h) runs against a server: ours, Netty 4.1 and 4.2, the raw echo and a baseline of ours. */
    private boolean speaksHybi00(String server) {
        Baseline baseline = settings.baseline();
        return HYBI00_SERVERS.contains(server) || baseline != null && server.equals(baseline.name());
    }

    /** Scenarios (a) to (e), in one server process without extensions. */
    private void runPlain(String server, int round, String sc) {
        log("round %d, %s: starting", round, server);
        try (ServerProcess p = start(server, round, List.of())) {
            if (sc.indexOf('a') >= 0) {
                scenario(server, round, "a", () -> smallMessages(p));
            }
            if (sc.indexOf('b') >= 0) {
                scenario(server, round, "b", () -> latency(p));
            }
            if (sc.indexOf('c') >= 0) {
                scenario(server, round, "c", () -> bigMessages(p));
            }
            if (sc.indexOf('d') >= 0) {
                scenario(server, round, "d", () -> handshakes(p));
            }
            if (sc.indexOf('e') >= 0) {
                scenario(server, round, "e", () -> idle(p));
            }
            if (!p.isAlive()) {
                problems.add(server + " round " + round + ": the server process died; see " + p.log());
            }
        } catch (IOException | RuntimeException e) {
            problems.add(server + " round " + round + ": " + e);
            log("%s failed to start: %s", server, e);
        }
    }

    /** Runs the scenarios of the settings against one server, in the server processes they need. */
    void runServer(String server, int round) {
        String sc = settings.scenarios();
        if (sc.chars().anyMatch(c -> "abcde".indexOf(c) >= 0)) {
            runPlain(server, round, sc);
        }
        if (sc.indexOf('f') >= 0) {
            // its own server process, with permessage-deflate, so that (a) to (e) measure servers without it
            alone(server, round, "f", DEFLATE_FLAGS, this::compression);
        }
        if (sc.indexOf('h') >= 0 && speaksHybi00(server)) {
            // its own server process, warmed up by (h) alone, so that (h) does not depend on what ran before
            alone(server, round, "h", List.of(), this::hybi00);
        }
        if (sc.indexOf('i') >= 0) {
            // its own server process: the flood leaves nothing behind for other scenarios to meet
            alone(server, round, "i", List.of(), this::flood);
        }
        if (sc.indexOf('j') >= 0 && BROADCAST_SERVERS.contains(server)) {
            // its own server process, a broadcasting one
            alone(server, round, "j", BROADCAST_FLAGS, this::fanOut);
        }
    }

    /** Runs one scenario in a server process of its own, started with {@code flags}. */
    private void alone(String server, int round, String name, List<String> flags, ProcessScenario s) {
        try (ServerProcess p = start(server, round, flags)) {
            scenario(server, round, name, () -> s.run(p));
            if (!p.isAlive()) {
                problems.add(server + " round " + round + " (" + name + "): the server process died; see " + p.log());
            }
        } catch (IOException | RuntimeException e) {
            problems.add(server + " round " + round + " (" + name + "): " + e);
            log("%s failed to start: %s", server, e);
        }
    }

    interface ProcessScenario {
        Map<String, Double> run(ServerProcess p) throws IOException;
    }

    interface Scenario {
        Map<String, Double> run() throws IOException;
    }

    private void scenario(String server, int round, String name, Scenario s) {
        try {
            Map<String, Double> figures = s.run();
            for (Map.Entry<String, Double> e : figures.entrySet()) {
                results.get(server).computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
            StringBuilder line = new StringBuilder();
            figures.forEach((k, v) -> line.append(' ').append(k).append('=').append(fmt(v)));
            log("round %d, %s, (%s):%s", round, server, name, line);
        } catch (IOException | RuntimeException e) {
            problems.add(server + " round " + round + " (" + name + "): " + e);
            log("round %d, %s, (%s) failed: %s", round, server, name, e);
        }
    }

    /** (a): 64 connections, 16 messages of 32 bytes in flight on each; warm-up first. */
    Map<String, Double> smallMessages(ServerProcess p) throws IOException {
        byte[] payload = Frames.asciiPayload(A_PAYLOAD);
        try (EchoLoad load = EchoLoad.open(p.target(), A_CONNECTIONS, A_IN_FLIGHT, Frames.OP_TEXT, payload, seed++,
                System.nanoTime() + OPEN_TIMEOUT_NANOS)) {
            load.runFor(settings.warmupNanos());
            long[] split0 = ProcStats.cpuSplitNanos(p.pid());
            long cpu0 = split0[0] + split0[1];
            long gen0 = ProcStats.cpuNanos(SELF);
            long cs0 = ProcStats.contextSwitches(p.pid());
            EchoLoad.Result r = load.runFor(settings.measureNanos());
            long[] split1 = ProcStats.cpuSplitNanos(p.pid());
            long cpu1 = split1[0] + split1[1];
            long gen1 = ProcStats.cpuNanos(SELF);
            long cs1 = ProcStats.contextSwitches(p.pid());
            checkClean(p, "a", load.close(CLOSE_TIMEOUT_NANOS));
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("a.msgs", r.messagesPerSecond());
            m.put("a.msgsPerCpu", cpu1 > cpu0 ? r.messages() * 1e9 / (cpu1 - cpu0) : Double.NaN);
            m.put("a.serverCpuShare", (cpu1 - cpu0) / (double) r.nanos());
            m.put("a.loadCpuShare", (gen1 - gen0) / (double) r.nanos());
            m.put("a.serverKernelShare", cpu1 > cpu0 ? (split1[1] - split0[1]) / (double) (cpu1 - cpu0) : Double.NaN);
            m.put("a.switchesPer1k", r.messages() > 0 ? (cs1 - cs0) * 1000.0 / r.messages() : Double.NaN);
            return m;
        }
    }

    /** (b): one connection, one 32-byte message in flight. */
    Map<String, Double> latency(ServerProcess p) throws IOException {
        Latency.Percentiles q = Latency.run(p.target(), Frames.asciiPayload(A_PAYLOAD), settings.warmupNanos(),
                settings.latencySamples(), (long) (settings.latencyMaxSeconds() * 1e9), seed++);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("b.p50", q.p50() / 1e3);
        m.put("b.p90", q.p90() / 1e3);
        m.put("b.p99", q.p99() / 1e3);
        m.put("b.p999", q.p999() / 1e3);
        m.put("b.samples", (double) q.samples());
        return m;
    }

    /**
     * (h): hybi-00. (h1) one connection, one 32-byte text message in flight, as (b); (h2) 64 connections, one
     * 32-byte text message in flight on each, warm-up first, as (a) but with one message in flight.
     */
    Map<String, Double> hybi00(ServerProcess p) throws IOException {
        byte[] payload = Frames.asciiPayload(A_PAYLOAD);
        Map<String, Double> m = new LinkedHashMap<>();
        Latency.Percentiles q = Hixie76.latency(p.target(), payload, settings.warmupNanos(),
                settings.latencySamples(), (long) (settings.latencyMaxSeconds() * 1e9), seed++);
        m.put("h.p50", q.p50() / 1e3);
        m.put("h.p90", q.p90() / 1e3);
        m.put("h.p99", q.p99() / 1e3);
        m.put("h.p999", q.p999() / 1e3);
        m.put("h.samples", (double) q.samples());
        try (Hixie76Load load = Hixie76Load.open(p.target(), H_CONNECTIONS, payload, seed++,
                System.nanoTime() + OPEN_TIMEOUT_NANOS)) {
            load.runFor(settings.warmupNanos());
            long cpu0 = ProcStats.cpuNanos(p.pid());
            long gen0 = ProcStats.cpuNanos(SELF);
            EchoLoad.Result r = load.runFor(settings.measureNanos());
            long cpu1 = ProcStats.cpuNanos(p.pid());
            long gen1 = ProcStats.cpuNanos(SELF);
            long unclean = load.close(CLOSE_TIMEOUT_NANOS);
            if (load.mismatches() > 0) {
                problems.add(p.target().name() + " (h): " + load.mismatches()
                        + " hybi-00 echo(es) differed from what was sent");
            }
            checkClean(p, "h", unclean);
            m.put("h.msgs", r.messagesPerSecond());
            m.put("h.msgsPerCpu", cpu1 > cpu0 ? r.messages() * 1e9 / (cpu1 - cpu0) : Double.NaN);
            m.put("h.serverCpuShare", (cpu1 - cpu0) / (double) r.nanos());
            m.put("h.loadCpuShare", (gen1 - gen0) / (double) r.nanos());
        }
        return m;
    }

    /** (i): bystanders echoing, quiet and during a handshake flood; see {@link HandshakeFlood}. */
    Map<String, Double> flood(ServerProcess p) throws IOException {
        HandshakeFlood.Result r = HandshakeFlood.run(p.target(), Frames.asciiPayload(A_PAYLOAD),
                settings.warmupNanos(), settings.latencySamples(), (long) (settings.latencyMaxSeconds() * 1e9),
                seed++);
        r.why().forEach((why, n) -> problems.add(p.target().name() + " (i): " + n + " flood socket(s): " + why));
        return r.figures();
    }

    /**
     * (j): the run's idle connection count of readers (10,000; 1,000 with --quick), one control connection whose
     * 64-byte text messages the server broadcasts to them all, at most {@link FanOutLoad#WINDOW} ahead of the
     * slowest reader; warm-up first. Deliveries: messages every reader received, times the readers.
     */
    Map<String, Double> fanOut(ServerProcess p) throws IOException {
        try (FanOutLoad load = FanOutLoad.open(p.target(), settings.idleConnections(), seed++,
                System.nanoTime() + OPEN_TIMEOUT_NANOS)) {
            load.runFor(J_PAYLOAD, settings.warmupNanos());
            long cpu0 = ProcStats.cpuNanos(p.pid());
            FanOutLoad.Result r = load.runFor(J_PAYLOAD, settings.measureNanos());
            long cpu1 = ProcStats.cpuNanos(p.pid());
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("j.deliveries", r.deliveriesPerSecond());
            m.put("j.perCpu", cpu1 > cpu0 ? r.deliveries() * 1e9 / (cpu1 - cpu0) : Double.NaN);
            m.put("j.messages", (double) r.messages());
            m.put("j.serverCpuShare", (cpu1 - cpu0) / (double) r.nanos());
            return m;
        }
    }

    /** (c): 4 connections, one 1 MiB binary message in flight on each. */
    Map<String, Double> bigMessages(ServerProcess p) throws IOException {
        byte[] payload = Frames.binaryPayload(C_PAYLOAD);
        try (EchoLoad load = EchoLoad.open(p.target(), C_CONNECTIONS, 1, Frames.OP_BINARY, payload, seed++,
                System.nanoTime() + OPEN_TIMEOUT_NANOS)) {
            load.runFor(settings.warmupNanos());
            long[] split0 = ProcStats.cpuSplitNanos(p.pid());
            EchoLoad.Result r = load.runFor(settings.measureNanos());
            long[] split1 = ProcStats.cpuSplitNanos(p.pid());
            long cpu0 = split0[0] + split0[1];
            long cpu1 = split1[0] + split1[1];
            checkClean(p, "c", load.close(CLOSE_TIMEOUT_NANOS));
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("c.mbps", r.megabytesPerSecond());
            // on a loaded machine the server gets a varying share of its CPU: per CPU-second is the steadier figure
            m.put("c.mbPerCpu", cpu1 > cpu0 ? r.megabytesPerSecond() * r.nanos() / (cpu1 - cpu0) : Double.NaN);
            m.put("c.serverCpuShare", (cpu1 - cpu0) / (double) r.nanos());
            m.put("c.serverKernelShare", cpu1 > cpu0 ? (split1[1] - split0[1]) / (double) (cpu1 - cpu0) : Double.NaN);
            return m;
        }
    }

    /**
     * (f): 16 connections, 4 messages of 4 KB JSON-like text in flight on each (32 distinct ones in turn), first
     * without an extension offer, then offering permessage-deflate ({@link Frames#DEFLATE_OFFER}: the generator's
     * messages are compressed once, the server compresses every echo itself); warm-up before each. The raw echo gets
     * the uncompressed half only: it cannot compress, and echoing compressed frames would measure nothing new.
     */
    Map<String, Double> compression(ServerProcess p) throws IOException {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < F_DISTINCT; i++) {
            payloads.add(Frames.jsonPayload(F_PAYLOAD, i));
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (boolean deflate : p.target().websocket() ? new boolean[] {false, true} : new boolean[] {false}) {
            String k = deflate ? "f.on" : "f.off";
            try (EchoLoad load = EchoLoad.open(p.target(), F_CONNECTIONS, F_IN_FLIGHT, Frames.OP_TEXT, payloads,
                    seed++, System.nanoTime() + OPEN_TIMEOUT_NANOS, deflate)) {
                load.runFor(settings.warmupNanos());
                long cpu0 = ProcStats.cpuNanos(p.pid());
                long bytes0 = load.payloadBytesReceived();
                long messages0 = load.messagesReceived();
                long compressed0 = load.compressedMessagesReceived();
                EchoLoad.Result r = load.runFor(settings.measureNanos());
                long cpu1 = ProcStats.cpuNanos(p.pid());
                long messages = load.messagesReceived() - messages0;
                long payloadBytes = load.payloadBytesReceived() - bytes0;
                long compressed = load.compressedMessagesReceived() - compressed0;
                checkClean(p, "f", load.close(CLOSE_TIMEOUT_NANOS));
                m.put(k + "Msgs", r.messagesPerSecond());
                m.put(k + "CpuUs", messages > 0 ? (cpu1 - cpu0) / 1e3 / messages : Double.NaN);
                m.put(k + "ServerCpuShare", (cpu1 - cpu0) / (double) r.nanos());
                if (deflate) {
                    double perEcho = messages > 0 ? payloadBytes / (double) messages : Double.NaN;
                    m.put("f.onDownBytes", perEcho + Frames.headerLength((long) perEcho, false));
                    m.put("f.onUpBytes", (double) load.frameLength());
                    m.put("f.onCompressedShare", messages > 0 ? compressed / (double) messages : Double.NaN);
                    if (compressed < messages) {
                        problems.add(p.target().name() + " (f): " + (messages - compressed) + " of " + messages
                                + " echoes came back uncompressed");
                    }
                } else {
                    m.put("f.offBytes", (double) load.frameLength());
                }
            }
        }
        return m;
    }

    /**
     * (d): four clients opening and closing connections one after the other; for the raw echo, also the same four
     * making TCP connections alone ({@link HandshakeRate#tcpOnly}).
     */
    Map<String, Double> handshakes(ServerProcess p) throws IOException {
        HandshakeRate.run(p.target(), D_WORKERS, Math.min(settings.warmupNanos(), 1_000_000_000L), seed++);
        long cpu0 = ProcStats.cpuNanos(p.pid());
        HandshakeRate.Result r = HandshakeRate.run(p.target(), D_WORKERS, (long) (settings.handshakeSeconds() * 1e9),
                seed++);
        long cpu1 = ProcStats.cpuNanos(p.pid());
        checkClean(p, "d", r.failures());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("d.hps", r.perSecond());
        m.put("d.serverCpuShare", (cpu1 - cpu0) / (double) r.nanos());
        if (!p.target().websocket()) {
            HandshakeRate.Result tcp = HandshakeRate.tcpOnly(p.target(), D_WORKERS,
                    (long) (settings.handshakeSeconds() * 1e9));
            checkClean(p, "d", tcp.failures());
            m.put("d.tcpCps", tcp.perSecond());
        }
        return m;
    }

    /** (e): N idle connections: resident memory and live heap, each after a full collection, before and after. */
    Map<String, Double> idle(ServerProcess p) throws IOException {
        int n = settings.idleConnections();
        ProcStats.Histogram heap0 = ProcStats.liveHeap(p.pid());
        long rss0 = ProcStats.residentBytes(p.pid());
        try (EchoLoad load = EchoLoad.open(p.target(), n, 0, Frames.OP_TEXT, new byte[0], seed++,
                System.nanoTime() + OPEN_TIMEOUT_NANOS)) {
            ServerProcess.sleep(1_000);
            ProcStats.Histogram heap1 = ProcStats.liveHeap(p.pid());
            long rss1 = ProcStats.residentBytes(p.pid());
            checkClean(p, "e", load.close(CLOSE_TIMEOUT_NANOS));
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("e.rss", rss1 / 1e6);
            m.put("e.rssPerConn", (rss1 - rss0) / 1024.0 / n);
            m.put("e.heapPerConn", (heap1.totalBytes() - heap0.totalBytes()) / 1024.0 / n);
            heapGrowth.put(p.target().name(), growth(heap0, heap1, n, HEAP_GROWTH_ROWS));
            m.put("e.rssBefore", rss0 / 1e6);
            return m;
        }
    }

    /** The {@code rows} classes whose live bytes grew most between two histograms, in bytes per connection. */
    static String growth(ProcStats.Histogram before, ProcStats.Histogram after, int connections, int rows) {
        StringBuilder b = new StringBuilder();
        after.bytesByClass().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.bytesByClass().getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(rows)
                .forEach(e -> b.append(String.format(Locale.ROOT, "%s %.0f, ", e.getKey(),
                        e.getValue() / (double) connections)));
        return b.length() == 0 ? "-" : b.substring(0, b.length() - 2);
    }

    private void checkClean(ServerProcess p, String scenario, long unclean) {
        if (unclean > 0) {
            problems.add(p.target().name() + " (" + scenario + "): " + unclean
                    + " connection(s) failed or did not close cleanly");
        }
    }

    double median(String server, String key) {
        return median(values(server, key));
    }

    /** The figure's value of each round for this server, in round order (empty when none). */
    List<Double> values(String server, String key) {
        return results.getOrDefault(server, Map.of()).getOrDefault(key, List.of());
    }

    static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
        System.out.flush();
    }

    Settings settings() {
        return settings;
    }

    /** Server -> figure key -> one value per round. */
    Map<String, Map<String, List<Double>>> results() {
        return results;
    }

    /** What went wrong during the run, one line each. */
    List<String> problems() {
        return problems;
    }

    /** Server -> the classes whose live bytes grew most with the idle connections (last round). */
    Map<String, String> heapGrowth() {
        return heapGrowth;
    }
}
