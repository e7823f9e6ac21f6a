package net.websocket.itest.support;

import java.util.Random;

/**
 * Test messages for compression: JSON-like text (the peer scripts make the same) and binary data that is partly
 * random, partly repetitive.
 */
public final class Payloads {

    private Payloads() {
    }

    /** JSON-like ASCII text of exactly {@code size} characters, different for each seed. */
    public static String json(int size, int seed) {
        StringBuilder b = new StringBuilder(size + 100);
        for (int i = 0; b.length() < size; i++) {
            b.append("{\"id\":").append((long) seed * 100000 + i).append(",\"name\":\"item ").append((i * 7 + seed) % 23)
                    .append("\",\"tags\":[\"red\",\"blue\"],\"price\":").append((i * 31 + seed) % 997)
                    .append(",\"active\":").append(i % 3 == 0).append("},");
        }
        b.setLength(size);
        return b.toString();
    }

    /** {@code size} bytes: a random third, a run of one byte, then JSON-like text. */
    public static byte[] mixed(int size, long seed) {
        byte[] b = new byte[size];
        Random r = new Random(seed);
        int third = size / 3;
        for (int i = 0; i < third; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        for (int i = third; i < 2 * third; i++) {
            b[i] = 7;
        }
        byte[] text = json(size - 2 * third, (int) seed).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, b, 2 * third, text.length);
        return b;
    }
}
