package net.websocket.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Inflater;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.websocket.api.Message;
import net.websocket.bench.soak.Sampler.Sample;

/** The parts of the soak that can be checked without a server: the bomb, the messages, the plot. */
class SoakPartsTest {

    @Test
    void theBombInflatesToExactlyItsSizeOfZerosFromAThousandthOfIt() throws Exception {
        long size = 8L << 20;
        byte[] bomb = Attacks.deflatedZeros(size);
        assertTrue(bomb.length < size / 500, "compressed to " + bomb.length + " bytes");
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(concat(bomb, new byte[] {0, 0, (byte) 0xff, (byte) 0xff}));
            byte[] out = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = inflater.inflate(out)) > 0;) {
                for (int i = 0; i < n; i++) {
                    assertEquals(0, out[i]);
                }
                total += n;
            }
            assertEquals(size, total);
        } finally {
            inflater.end();
        }
    }

    @Test
    void messagesAreTextAndBinaryOfVariedSizesAndEachDiffers() {
        Message a = Clients.message("x", 1);
        Message b = Clients.message("x", 2);
        Message binary = Clients.message("x", 3);
        Message large = Clients.message("x", 10);
        assertTrue(a.isText() && b.isText() && binary.isBinary());
        assertTrue(!a.equals(b));
        assertTrue(large.length() > 2048, "every tenth message is up to 64 KiB: " + large.length());
    }

    @Test
    void thePlotIsAPngOfTheSamples(@TempDir Path dir) throws Exception {
        List<Sample> samples = List.of(new Sample(0, 50 << 20, 10 << 20, 64 << 20, 5 << 20, 30, 17, 0, 0),
                new Sample(1, 60 << 20, 20 << 20, 64 << 20, -1, 300, 20, 50, 10));
        Path png = dir.resolve("plot.png");
        Plot.write(png, "test", samples, 512L << 20, 128L << 20);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        assertTrue(Files.size(png) > 1000);
        assertEquals(500, Plot.niceCeiling(420));
        assertEquals(600, Plot.niceCeiling(540));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
