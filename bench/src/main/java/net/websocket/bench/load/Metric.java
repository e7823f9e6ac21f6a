package net.websocket.bench.load;

import java.util.List;

/**
 * One figure of the report's table: its key (as the scenarios record it), its label, whether more is better, and
 * the target ratio to Netty; {@link #ALL} is every figure, in the table's order.
 */
record Metric(String key, String label, boolean higherIsBetter, String target) {

    /** Every figure, in the order of the report's table. */
    static final List<Metric> ALL = List.of(
            new Metric("a.msgs", "(a) 32 B msgs/s, 64 conns x 16 in flight", true, ">= 1.3x"),
            new Metric("a.msgsPerCpu", "(a) msgs per server CPU-second", true, ">= 1.3x"),
            new Metric("b.p50", "(b) latency p50, us", false, ""),
            new Metric("b.p90", "(b) latency p90, us", false, ""),
            new Metric("b.p99", "(b) latency p99, us", false, "<= 1.0x"),
            new Metric("b.p999", "(b) latency p99.9, us", false, "<= 1.0x"),
            new Metric("c.mbps", "(c) 1 MiB binary echo, MB/s, 4 conns", true, ">= 1.5x"),
            new Metric("c.mbPerCpu", "(c) MB echoed per server CPU-second", true, ""),
            new Metric("d.hps", "(d) handshakes/s (open+close), 4 clients", true, ">= 1.2x"),
            new Metric("d.tcpCps", "(d) TCP connects+closes/s, no bytes, 4 clients (raw only)", true, ""),
            new Metric("e.rss", "(e) server RSS with N idle conns, MB", false, "<= 1.0x"),
            new Metric("e.rssPerConn", "(e) RSS per idle conn, KB", false, ""),
            new Metric("e.heapPerConn", "(e) live heap per idle conn, KB", false, "<= 1.5 KB"),
            new Metric("f.offMsgs", "(f) 4 KB JSON msgs/s, uncompressed, 16 conns x 4", true, ""),
            new Metric("f.onMsgs", "(f) 4 KB JSON msgs/s, permessage-deflate", true, ""),
            new Metric("f.offCpuUs", "(f) server CPU us per msg, uncompressed", false, ""),
            new Metric("f.onCpuUs", "(f) server CPU us per msg, permessage-deflate", false, ""),
            new Metric("f.onDownBytes", "(f) bytes per echo on the wire, server to client, deflate", false, ""),
            new Metric("f.onUpBytes", "(f) bytes per msg on the wire, client to server, deflate", false, ""),
            new Metric("h.p50", "(h1) hybi-00 latency p50, us", false, ""),
            new Metric("h.p90", "(h1) hybi-00 latency p90, us", false, ""),
            new Metric("h.p99", "(h1) hybi-00 latency p99, us", false, ""),
            new Metric("h.p999", "(h1) hybi-00 latency p99.9, us", false, ""),
            new Metric("h.msgs", "(h2) hybi-00 32 B msgs/s, 64 conns x 1 in flight", true, ""),
            new Metric("h.msgsPerCpu", "(h2) hybi-00 msgs per server CPU-second", true, ""),
            new Metric("i.quietP999", "(i) bystander p99.9 quiet, us", false, ""),
            new Metric("i.floodP999", "(i) bystander p99.9 during a 20,000-handshake flood, us", false, ""),
            new Metric("i.ratio", "(i) bystander p99.9 flood / quiet", false, "<= 10 (own)"),
            new Metric("i.floodHps", "(i) flood handshakes answered per second", true, ""),
            new Metric("j.deliveries", "(j) broadcast 64 B msgs delivered/s, to N idle conns", true, ""),
            new Metric("j.perCpu", "(j) broadcast deliveries per server CPU-second", true, ""));
}
