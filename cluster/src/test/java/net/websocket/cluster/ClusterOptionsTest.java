package net.websocket.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The broker's password is kept apart from its address, which may then be shown. */
class ClusterOptionsTest {

    @Test
    void aPasswordInTheAddressIsTakenOutOfIt() {
        ClusterOptions withUser = ClusterOptions.builder().broker(URI.create("redis://app:se%3Acret@10.0.0.1:6380/2"))
                .build();
        assertEquals(URI.create("redis://app@10.0.0.1:6380/2"), withUser.broker());
        assertEquals("se:cret", withUser.password().orElseThrow());

        ClusterOptions withoutUser = ClusterOptions.builder().broker(URI.create("redis://:secret@127.0.0.1:6379"))
                .build();
        assertEquals(URI.create("redis://127.0.0.1:6379"), withoutUser.broker());
        assertEquals("secret", withoutUser.password().orElseThrow());
    }

    @Test
    void theLastPasswordGivenCounts() {
        assertEquals("given", ClusterOptions.builder().broker(URI.create("redis://u:inAddress@h:1"))
                .password("given").build().password().orElseThrow());
        assertEquals("inAddress", ClusterOptions.builder().password("given")
                .broker(URI.create("redis://u:inAddress@h:1")).build().password().orElseThrow());
        assertEquals(URI.create("redis://u@h:1"), ClusterOptions.builder().broker(URI.create("redis://u@h:1"))
                .build().broker());
        assertTrue(ClusterOptions.builder().broker(URI.create("redis://h:1")).password("").build().password()
                .isEmpty());
        assertTrue(ClusterOptions.builder().build().password().isEmpty());
    }
}
