package net.websocket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The routing rules of {@code ws-service-mapper}: path first, then the client's offers in its order. */
class ServiceMapperTest {

    private static final Handler A = c -> { };
    private static final Handler B = c -> { };
    private static final Handler C = c -> { };

    private static ServiceMapper.Selected selected(ServiceMapper.Selection s) {
        return assertInstanceOf(ServiceMapper.Selected.class, s);
    }

    @Test
    void theWholePathMustMatchAndTheFirstMatchingRouteIsTheOnlyOneConsidered() {
        ServiceMapper m = ServiceMapper.builder()
                .route("/chat", ServiceMapper.subprotocol("v1", A))
                .route("/chat.*", ServiceMapper.none(B))
                .route("/x", ServiceMapper.none(C))
                .build();
        // "/chat" matches the first route, which has no "none" entry: the second route is not tried
        assertInstanceOf(ServiceMapper.NoSubprotocol.class, m.select("/chat", List.of()));
        assertSame(B, selected(m.select("/chatter", List.of())).endpoint());
        assertInstanceOf(ServiceMapper.NoRoute.class, m.select("/x/y", List.of()));
        assertInstanceOf(ServiceMapper.NoRoute.class, m.select("/", List.of()));
        assertEquals(List.of("/chat", "/chat.*", "/x"), m.pathPatterns());
    }

    @Test
    void offersAreTriedInTheClientsOrderAcrossAllEntries() {
        ServiceMapper m = ServiceMapper.builder()
                .route("/", ServiceMapper.subprotocol("v2", A), ServiceMapper.subprotocols(List.of("v1", "v3"), B))
                .build();
        ServiceMapper.Selected s = selected(m.select("/", List.of("v1", "v2")));
        assertSame(B, s.endpoint());
        assertEquals(Optional.of("v1"), s.subprotocol());
        assertEquals("/", s.pathPattern());
        assertEquals(Optional.of("v2"), selected(m.select("/", List.of("v9", "v2", "v1"))).subprotocol());
        ServiceMapper.NoSubprotocol none = assertInstanceOf(ServiceMapper.NoSubprotocol.class,
                m.select("/", List.of("v9")));
        assertEquals(List.of("v9"), none.offered());
    }

    @Test
    void noOfferTakesTheFirstNoneEntryAndAnOfferNeverFallsBackToIt() {
        ServiceMapper m = ServiceMapper.builder()
                .route("/", ServiceMapper.subprotocol("v1", A), ServiceMapper.none(B),
                        ServiceMapper.entry(List.of("v2"), true, C))
                .build();
        ServiceMapper.Selected s = selected(m.select("/", List.of()));
        assertSame(B, s.endpoint());
        assertEquals(Optional.empty(), s.subprotocol());
        assertInstanceOf(ServiceMapper.NoSubprotocol.class, m.select("/", List.of("v3")));
        assertSame(C, selected(m.select("/", List.of("v2"))).endpoint());
    }

    @Test
    void singleTakesEveryPathAndAnyOfferWithoutChoosingOne() {
        ServiceMapper m = ServiceMapper.single(A);
        assertEquals(Optional.empty(), selected(m.select("/any/path", List.of())).subprotocol());
        ServiceMapper.Selected s = selected(m.select("/x", List.of("chat")));
        assertSame(A, s.endpoint());
        assertEquals(Optional.empty(), s.subprotocol());
    }

    @Test
    void anyTakesWhatNoListingEntryTakesAndAnswersWithoutASubprotocol() {
        // the any entry stands first, yet an entry that lists an offered token wins over it
        ServiceMapper m = ServiceMapper.builder()
                .route("/", ServiceMapper.any(A), ServiceMapper.subprotocol("v1", B), ServiceMapper.none(C))
                .build();
        ServiceMapper.Selected listed = selected(m.select("/", List.of("v9", "v1")));
        assertSame(B, listed.endpoint());
        assertEquals(Optional.of("v1"), listed.subprotocol());
        ServiceMapper.Selected unlisted = selected(m.select("/", List.of("v9", "v8")));
        assertSame(A, unlisted.endpoint());
        assertEquals(Optional.empty(), unlisted.subprotocol());
        // no offer: the first entry that takes none, here the any entry before the none entry
        assertSame(A, selected(m.select("/", List.of())).endpoint());

        // a none entry before the any entry takes the clients that offer nothing
        ServiceMapper n = ServiceMapper.builder()
                .route("/", ServiceMapper.none(C), ServiceMapper.any(A).with(
                        ConnectionOverrides.builder().maxMessageSize(7).build()))
                .build();
        assertSame(C, selected(n.select("/", List.of())).endpoint());
        ServiceMapper.Selected other = selected(n.select("/", List.of("x")));
        assertSame(A, other.endpoint());
        assertEquals(ConnectionOverrides.builder().maxMessageSize(7).build(), other.overrides());

        // only the matching route's entries count: an any entry of a later route is not reached
        ServiceMapper r = ServiceMapper.builder()
                .route("/a", ServiceMapper.none(B))
                .route("/.*", ServiceMapper.any(A))
                .build();
        assertInstanceOf(ServiceMapper.NoSubprotocol.class, r.select("/a", List.of("x")));
        assertSame(A, selected(r.select("/b", List.of("x"))).endpoint());
        assertThrows(NullPointerException.class, () -> ServiceMapper.any((Endpoint) null));
    }

    @Test
    void anEntrysOverridesGoOnTopOfItsRoutes() {
        ConnectionOverrides route = ConnectionOverrides.builder().maxMessageSize(100).maxFrameSize(50).build();
        ConnectionOverrides entry = ConnectionOverrides.builder().maxMessageSize(10).build();
        ServiceMapper m = ServiceMapper.builder()
                .route("/", route, ServiceMapper.none(A).with(entry), ServiceMapper.subprotocol("v", B))
                .build();
        assertEquals(ConnectionOverrides.builder().maxMessageSize(10).maxFrameSize(50).build(),
                selected(m.select("/", List.of())).overrides());
        assertEquals(route, selected(m.select("/", List.of("v"))).overrides());
        assertEquals(ConnectionOverrides.none(), selected(ServiceMapper.single(A).select("/", List.of())).overrides());
    }

    @Test
    void badRoutesAndEntriesAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> ServiceMapper.builder().route("/"));
        assertThrows(IllegalArgumentException.class, () -> ServiceMapper.subprotocols(List.of(), A));
        assertThrows(IllegalArgumentException.class, () -> ServiceMapper.subprotocol("", A));
        assertThrows(IllegalArgumentException.class, () -> ServiceMapper.subprotocol("a,b", A));
        assertThrows(IllegalArgumentException.class, () -> ServiceMapper.subprotocol("a b", A));
        assertThrows(NullPointerException.class, () -> ServiceMapper.none(null));
        assertThrows(java.util.regex.PatternSyntaxException.class,
                () -> ServiceMapper.builder().route("[", ServiceMapper.none(A)));
    }
}
