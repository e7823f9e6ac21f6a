package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.websocket.api.ConnectRequest;
import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;

/** Where a redirect leads and which are refused, with no socket. */
class RedirectsTest {

    private static final URI FROM = URI.create("ws://a.test/chat?room=1");

    private static HandshakeResponse moved(String location) {
        return new HandshakeResponse("HTTP/1.1", 302, "Found",
                location == null ? Headers.empty() : Headers.of("Location", location));
    }

    private static URI next(URI from, String location) throws HandshakeException {
        return Redirects.next(from, moved(location), List.of(from), 5, false);
    }

    @Test
    void onlyTheFiveRedirectStatusesAreRedirects() {
        for (int s : new int[] {301, 302, 303, 307, 308}) {
            assertTrue(Redirects.isRedirect(s), "" + s);
        }
        for (int s : new int[] {300, 304, 305, 306, 200, 101, 400}) {
            assertFalse(Redirects.isRedirect(s), "" + s);
        }
    }

    @Test
    void wsAndHttpSchemesAreMappedAndRelativeReferencesResolved() throws Exception {
        assertEquals(URI.create("ws://b.test/x"), next(FROM, "ws://b.test/x"));
        assertEquals(URI.create("wss://b.test/x"), next(FROM, "wss://b.test/x"));
        assertEquals(URI.create("ws://b.test:8080/x?y=2"), next(FROM, "http://b.test:8080/x?y=2"));
        assertEquals(URI.create("wss://b.test/x"), next(FROM, "https://b.test/x"));
        assertEquals(URI.create("ws://a.test/other"), next(FROM, "/other"));
        assertEquals(URI.create("ws://a.test/sibling"), next(FROM, "sibling"));
        assertEquals(URI.create("ws://c.test/p"), next(FROM, "//c.test/p"));
        assertEquals(URI.create("wss://a.test/x"), next(URI.create("wss://a.test/"), "/x#frag"));
    }

    @Test
    void refusedRedirectsSayWhyAndCarryTheStatus() {
        assertRefused(FROM, null, "without a Location");
        assertRefused(FROM, "ftp://b.test/", "not a ws, wss, http or https URI");
        assertRefused(FROM, "http:///nohost", "names no host");
        assertRefused(FROM, "http://b.test/ bad", "malformed Location");
        assertRefused(URI.create("wss://a.test/"), "ws://a.test/", "from encrypted to plain");
        assertRefused(URI.create("wss://a.test/"), "http://a.test/", "from encrypted to plain");
        assertRefused(FROM, "/chat?room=1", "redirect loop");
    }

    @Test
    void fromEncryptedToPlainIsFollowedOnlyWhenAllowed() throws Exception {
        URI secure = URI.create("wss://a.test/");
        assertEquals(URI.create("ws://a.test/x"),
                Redirects.next(secure, moved("ws://a.test/x"), List.of(secure), 5, true));
        assertEquals(URI.create("ws://b.test/"),
                Redirects.next(secure, moved("http://b.test/"), List.of(secure), 5, true));
        assertRefused(secure, "ws://a.test/x", "ClientOptions.redirectToPlainAllowed");
    }

    @Test
    void theLimitCountsTheRedirectsFollowed() throws Exception {
        List<URI> trail = List.of(URI.create("ws://a.test/0"), URI.create("ws://a.test/1"));
        assertEquals(URI.create("ws://a.test/2"), Redirects.next(trail.get(1), moved("/2"), trail, 2, false));
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> Redirects.next(trail.get(1), moved("/2"), Redirects.append(trail, URI.create("ws://a.test/x")),
                        2, false));
        assertTrue(e.getMessage().contains("more than 2 redirects"), e.getMessage());
    }

    @Test
    void authorizationStaysWithItsHost() {
        ConnectRequest r = ConnectRequest.builder().header("Authorization", "Bearer t").header("X-A", "1").build();
        assertSame(r, Redirects.requestFor(r, FROM, URI.create("ws://a.test/elsewhere")));
        ConnectRequest other = Redirects.requestFor(r, FROM, URI.create("ws://b.test/"));
        assertFalse(other.headers().contains("Authorization"));
        assertEquals("1", other.headers().get("X-A"));
        assertFalse(Redirects.requestFor(r, FROM, URI.create("ws://a.test:81/")).headers().contains("Authorization"));
    }

    private static void assertRefused(URI from, String location, String why) {
        HandshakeException e = assertThrows(HandshakeException.class, () -> next(from, location), location);
        assertEquals(302, e.status());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
