package net.websocket.bench.load;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings of a suite run, from {@code bench/run}'s command line ({@link #parse}).
 */
record Settings(int rounds, double warmupSeconds, double measureSeconds, int idleConnections,
        int latencySamples, double latencyMaxSeconds, double handshakeSeconds,
        List<String> servers, String scenarios, Path outDir, String profile, int serverCpu, String commit,
        String nproc, Baseline baseline) {

    static Settings parse(String[] args) {
        boolean quick = false;
        Integer rounds = null;
        Double warmup = null;
        Double measure = null;
        List<String> servers = Suite.SERVERS;
        String scenarios = Suite.ALL_SCENARIOS;
        Path out = Path.of("target");
        String profile = null;
        int cpu = -1;
        String commit = "unknown";
        String nproc = "?";
        String baselineServer = null;
        String baselineClassPath = null;
        String baselineCommit = "unknown";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--measure" -> measure = Double.parseDouble(args[++i]);
                case "--servers" -> servers = List.of(args[++i].split(","));
                case "--scenarios" -> scenarios = args[++i];
                case "--compression" -> scenarios = "f";
                case "--out" -> out = Path.of(args[++i]);
                case "--profile" -> profile = args[++i];
                case "--server-cpu" -> cpu = Integer.parseInt(args[++i]);
                case "--commit" -> commit = args[++i];
                case "--nproc" -> nproc = args[++i];
                case "--baseline-server" -> baselineServer = args[++i];
                case "--baseline-class-path" -> baselineClassPath = args[++i];
                case "--baseline-commit" -> baselineCommit = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        for (String s : servers) {
            if (!Suite.SERVERS.contains(s) && Containers.get(s) == null && !s.equals(baselineServer)) {
                throw new IllegalArgumentException("unknown server " + s + "; known: " + Suite.SERVERS + " and "
                        + Containers.NAMES);
            }
        }
        Baseline baseline = null;
        if (baselineServer != null || baselineClassPath != null) {
            if (baselineServer == null || baselineClassPath == null) {
                throw new IllegalArgumentException("--baseline-server and --baseline-class-path go together");
            }
            baseline = new Baseline(baselineServer, baselineClassPath, baselineCommit);
            servers = baseline.joining(servers);
        }
        if (quick) {
            return new Settings(rounds == null ? 1 : rounds, warmup == null ? 1 : warmup,
                    measure == null ? 1 : measure, 1_000, 3_000, 5, 1, servers,
                    scenarios, out, profile, cpu, commit, nproc, baseline);
        }
        return new Settings(rounds == null ? 3 : rounds, warmup == null ? 3 : warmup,
                measure == null ? 5 : measure, 10_000, 20_000, 15, 3, servers,
                scenarios, out, profile, cpu, commit, nproc, baseline);
    }

    long warmupNanos() {
        return (long) (warmupSeconds * 1e9);
    }

    long measureNanos() {
        return (long) (measureSeconds * 1e9);
    }
}
