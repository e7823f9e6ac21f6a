package net.websocket.bench.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

import net.websocket.bench.soak.Sampler.Sample;

/**
 * The soak's samples drawn to a PNG with the JDK alone (headless AWT): the server's memory over time (resident set,
 * heap in use, live heap after each full collection, and the bounds) above, its descriptors and threads below.
 */
final class Plot {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 640;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final double MIB = 1 << 20;

    private static final Color RSS = new Color(0xC0392B);
    private static final Color HEAP = new Color(0x85C1E9);
    private static final Color LIVE = new Color(0x1B4F72);
    private static final Color FDS = new Color(0x7D3C98);
    private static final Color THREADS = new Color(0x1E8449);

    private Plot() {
    }

    /**
     * Draws the samples.
     *
     * @param title    the line at the top (what ran, the verdict)
     * @param rssBound the resident-set bound, bytes
     * @param liveBound the live-heap bound, bytes
     */
    static void write(Path file, String title, List<Sample> samples, long rssBound, long liveBound)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, 22);
            double tMax = Math.max(1, samples.isEmpty() ? 1 : samples.get(samples.size() - 1).seconds());

            double memoryMax = Math.max(rssBound, liveBound);
            for (Sample s : samples) {
                memoryMax = Math.max(memoryMax, s.rss());
            }
            Panel memory = new Panel(g, 40, 360, tMax, niceCeiling(memoryMax / MIB * 1.05), "MiB");
            memory.frame();
            memory.bound(rssBound / MIB, RSS, "resident-set bound");
            memory.bound(liveBound / MIB, LIVE, "live-heap bound");
            memory.line(samples, s -> s.heapUsed() / MIB, HEAP, false);
            memory.line(samples, s -> s.rss() / MIB, RSS, false);
            memory.line(samples, s -> s.heapLive() < 0 ? Double.NaN : s.heapLive() / MIB, LIVE, true);
            memory.legend(new String[] {"resident set (VmRSS)", "heap in use", "live heap after a full GC"},
                    new Color[] {RSS, HEAP, LIVE});

            double countMax = 10;
            for (Sample s : samples) {
                countMax = Math.max(countMax, Math.max(s.fds(), s.threads()));
            }
            Panel counts = new Panel(g, 430, 170, tMax, niceCeiling(countMax * 1.05), "count");
            counts.frame();
            counts.line(samples, s -> s.fds(), FDS, false);
            counts.line(samples, s -> s.threads(), THREADS, false);
            counts.legend(new String[] {"server file descriptors", "server threads"}, new Color[] {FDS, THREADS});
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("seconds", WIDTH / 2, HEIGHT - 8);
        } finally {
            g.dispose();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /** The smallest round step (1, 1.2, 1.5, 2, ... 8 times a power of ten) times 5 at or above {@code v}. */
    static double niceCeiling(double v) {
        double step = v / 5;
        double power = Math.pow(10, Math.floor(Math.log10(step)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * power >= step) {
                return 5 * m * power;
            }
        }
        return v;
    }

    /** One chart: time across, a value up, with its axes. */
    private static final class Panel {
        private final Graphics2D g;
        private final int top;
        private final int height;
        private final double tMax;
        private final double yMax;
        private final String unit;
        private int legendY;

        Panel(Graphics2D g, int top, int height, double tMax, double yMax, String unit) {
            this.g = g;
            this.top = top;
            this.height = height;
            this.tMax = tMax;
            this.yMax = yMax;
            this.unit = unit;
            this.legendY = top + 16;
        }

        int x(double t) {
            return LEFT + (int) Math.round(t / tMax * (WIDTH - LEFT - RIGHT));
        }

        int y(double v) {
            return top + height - (int) Math.round(v / yMax * height);
        }

        void frame() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setStroke(new BasicStroke(1));
            for (int i = 0; i <= 5; i++) {
                double v = yMax * i / 5;
                g.setColor(new Color(0xE5E7E9));
                g.drawLine(LEFT, y(v), WIDTH - RIGHT, y(v));
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format("%.0f", v), 8, y(v) + 4);
            }
            for (int i = 0; i <= 10; i++) {
                double t = tMax * i / 10;
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format("%.0f", t), x(t) - 8, top + height + 14);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, top, WIDTH - LEFT - RIGHT, height);
            g.drawString(unit, LEFT - 30, top - 4);
        }

        void bound(double v, Color c, String label) {
            g.setColor(c);
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
            g.drawLine(LEFT, y(v), WIDTH - RIGHT, y(v));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(label + String.format(" (%.0f MiB)", v), WIDTH - RIGHT - 200, y(v) - 4);
        }

        void line(List<Sample> samples, ToDoubleFunction<Sample> value, Color c, boolean dots) {
            g.setColor(c);
            g.setStroke(new BasicStroke(dots ? 1.5f : 2f));
            int px = -1;
            int py = -1;
            for (Sample s : samples) {
                double v = value.applyAsDouble(s);
                if (Double.isNaN(v)) {
                    continue;
                }
                int xx = x(s.seconds());
                int yy = y(v);
                if (dots) {
                    g.fillOval(xx - 3, yy - 3, 6, 6);
                }
                if (px >= 0) {
                    g.drawLine(px, py, xx, yy);
                }
                px = xx;
                py = yy;
            }
        }

        void legend(String[] labels, Color[] colors) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i < labels.length; i++) {
                g.setColor(colors[i]);
                g.fillRect(LEFT + 10, legendY - 9, 14, 10);
                g.setColor(Color.BLACK);
                g.drawString(labels[i], LEFT + 30, legendY);
                legendY += 16;
            }
        }
    }
}
