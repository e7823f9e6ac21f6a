package net.websocket.examples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CliTest {

    @Test
    void wsBaseFormatsIpv4AndShortIpv6() throws Exception {
        assertEquals("ws://127.0.0.1:8081/",
                Cli.wsBase(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8081)));
        assertEquals("ws://[::1]:9/", Cli.wsBase(new InetSocketAddress(InetAddress.getByName("::1"), 9)));
        assertEquals("ws://[::]:9/", Cli.wsBase(new InetSocketAddress(InetAddress.getByName("::"), 9)));
        assertEquals("ws://[2001:db8::1:0:0:1]:9/",
                Cli.wsBase(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 9)));
        assertEquals("1:0:2:0:3:0:4:5", Cli.compress("1:0:2:0:3:0:4:5"));
        assertEquals("1::", Cli.compress("1:0:0:0:0:0:0:0"));
    }

    @Test
    void wsUriAcceptsOnlyWebSocketUrls() throws Exception {
        assertEquals("ws", Cli.wsUri("ws://127.0.0.1:1/x").getScheme());
        assertEquals("wss", Cli.wsUri("wss://example.org/").getScheme());
        assertThrows(UsageException.class, () -> Cli.wsUri("http://127.0.0.1/"));
        assertThrows(UsageException.class, () -> Cli.wsUri("ws:/nohost"));
        assertThrows(UsageException.class, () -> Cli.wsUri("not a url"));
    }

    @Test
    void argsParsesOptionsSwitchesAndPositionals() throws Exception {
        Args a = Args.parse(new String[] {"--header", "A: 1", "URL", "--header=B: 2", "--binary", "--", "--x"},
                Set.of("header"), Set.of("binary"));
        assertEquals(List.of("A: 1", "B: 2"), a.all("header"));
        assertEquals(List.of("URL", "--x"), a.positionals());
        assertEquals(true, a.has("binary"));
        assertThrows(UsageException.class, () -> Args.parse(new String[] {"--header"}, Set.of("header"), Set.of()));
        assertThrows(UsageException.class, () -> Args.parse(new String[] {"--nope"}, Set.of(), Set.of()));
        assertThrows(UsageException.class,
                () -> Args.parse(new String[] {"--port", "x"}, Set.of("port"), Set.of()).getInt("port", 1, 0, 9));
    }
}
