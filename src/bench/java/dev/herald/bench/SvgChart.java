package dev.herald.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Line and bar charts written as SVG by hand. XChart's SVG draws every letter as a glyph outline: 360–460 KB a
 * chart, with no text a reader can search or a test can check. Here text stays text, in the viewer's own
 * sans-serif, and a chart is a few KB; no fonts and no AWT are needed to draw one.
 */
final class SvgChart {
    private static final int WIDTH = 900, HEIGHT = 520;
    private static final int TOP = 56, BOTTOM = HEIGHT - 62, LEFT = 92;
    private static final String GRID = "#dddddd", MINOR = "#f0f0f0", AXIS = "#555555";

    enum Marker { CIRCLE, DIAMOND, NONE }

    /** One line: its points in x order; a NaN or, on a log axis, a value of 0 or less is left out. */
    record Series(String name, String color, boolean dashed, Marker marker, double[] x, double[] y) {
    }

    /** One bar per category, in the categories' order. */
    record Bars(String name, String color, double[] values) {
    }

    private SvgChart() {
    }

    /**
     * Lines over a logarithmic x axis marked at {@code xTicks} (the sizes that ran), the y axis linear from 0 or
     * logarithmic. {@code unit} follows each point's value in its tooltip.
     */
    static String lines(String title, String xTitle, String yTitle, boolean logY, double[] xTicks, List<Series> series, String unit) {
        var ys = new ArrayList<Double>();
        for (Series s : series) for (double v : s.y()) if (shown(v, logY)) ys.add(v);
        Axis y = logY ? Axis.log(ys) : Axis.linear(ys);
        double xLo = Math.log10(min(xTicks)) - 0.08, xHi = Math.log10(max(xTicks)) + 0.08;
        int right = plotRight(series.stream().map(Series::name).toList());
        var svg = new Svg(title);
        y.draw(svg, yTitle, right);
        for (double t : xTicks) {
            double px = LEFT + (Math.log10(t) - xLo) / (xHi - xLo) * (right - LEFT);
            svg.line(px, TOP, px, BOTTOM, GRID, 1, false);
            svg.text(px, BOTTOM + 18, "middle", 12, num(t));
        }
        svg.frame(right);
        svg.text((LEFT + right) / 2.0, HEIGHT - 18, "middle", 13, xTitle);
        for (Series s : series) {
            var points = new ArrayList<double[]>();
            var tips = new ArrayList<String>();
            for (int i = 0; i < s.x().length; i++) {
                if (!shown(s.y()[i], logY) || s.x()[i] <= 0) continue;
                points.add(new double[]{LEFT + (Math.log10(s.x()[i]) - xLo) / (xHi - xLo) * (right - LEFT), y.pixel(s.y()[i])});
                tips.add(s.name() + ": " + num(s.x()[i]) + " " + xTitle.replace(" (log)", "") + ", " + num(s.y()[i]) + " " + unit);
            }
            svg.series(s, points, tips);
        }
        svg.legend(right, series, 0);
        return svg.end();
    }

    /**
     * Bars side by side per category on a linear axis from 0, each with its value above it, and a dashed
     * reference line ({@code reference}, NaN for none) named in the legend.
     */
    static String bars(String title, String xTitle, String yTitle, List<String> categories, List<Bars> bars, double reference,
                       String referenceName, String unit) {
        var ys = new ArrayList<Double>();
        for (Bars b : bars) for (double v : b.values()) if (!Double.isNaN(v)) ys.add(v);
        if (!Double.isNaN(reference)) ys.add(reference);
        Axis y = Axis.linear(ys);
        var entries = new ArrayList<Series>();
        for (Bars b : bars) entries.add(new Series(b.name(), b.color(), false, Marker.NONE, new double[0], new double[0]));
        if (!Double.isNaN(reference)) entries.add(new Series(referenceName, AXIS, true, Marker.NONE, new double[0], new double[0]));
        int right = plotRight(entries.stream().map(Series::name).toList());
        var svg = new Svg(title);
        y.draw(svg, yTitle, right);
        double slot = (right - LEFT) / (double) categories.size();
        double barWidth = Math.min(90, slot * 0.7 / Math.max(1, bars.size()));
        for (int c = 0; c < categories.size(); c++) {
            double center = LEFT + slot * (c + 0.5);
            svg.text(center, BOTTOM + 18, "middle", 12, categories.get(c));
            for (int b = 0; b < bars.size(); b++) {
                double v = bars.get(b).values()[c];
                if (Double.isNaN(v)) continue;
                double x0 = center - barWidth * bars.size() / 2 + b * barWidth;
                double top = y.pixel(v);
                svg.bar(x0 + 2, top, barWidth - 4, BOTTOM - top, bars.get(b).color(),
                        bars.get(b).name() + ", " + categories.get(c) + ": " + num(v) + " " + unit);
                svg.text(x0 + barWidth / 2, top - 6, "middle", 12, num(v));
            }
        }
        if (!Double.isNaN(reference)) svg.line(LEFT, y.pixel(reference), right, y.pixel(reference), AXIS, 1.5, true);
        svg.frame(right);
        svg.text((LEFT + right) / 2.0, HEIGHT - 18, "middle", 13, xTitle);
        svg.legend(right, entries, bars.size());
        return svg.end();
    }

    private static boolean shown(double v, boolean log) {
        return !Double.isNaN(v) && !Double.isInfinite(v) && (!log || v > 0);
    }

    /** The plot's right edge: the legend takes what its longest name needs (about 7 px a letter at 12 px). */
    private static int plotRight(List<String> names) {
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        return WIDTH - 20 - Math.max(90, 36 + longest * 7);
    }

    private static double min(double[] v) {
        double m = Double.MAX_VALUE;
        for (double x : v) m = Math.min(m, x);
        return m;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    /** A figure as the tables print it: thousands grouped, at most three decimals, no trailing zeros. */
    static String num(double v) {
        if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (Math.abs(v) >= 100) return new BigDecimal(v).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
        if (Math.abs(v) >= 1) return BigDecimal.valueOf(Math.round(v * 10) / 10.0).stripTrailingZeros().toPlainString();
        return BigDecimal.valueOf(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }

    /** The y axis: maps values to pixels and draws its grid, labels and title. */
    private record Axis(boolean log, double lo, double hi, List<Double> ticks, List<Double> minor) {

        static Axis linear(List<Double> values) {
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            if (max <= 0) max = 1;
            double raw = max / 5, mag = Math.pow(10, Math.floor(Math.log10(raw))), step = mag;
            for (double f : new double[]{1, 2, 2.5, 5, 10}) {
                if (f * mag >= raw) {
                    step = f * mag;
                    break;
                }
            }
            // Room above the highest value for its label.
            double hi = Math.ceil(max * 1.08 / step) * step;
            var ticks = new ArrayList<Double>();
            for (int i = 0; i * step <= hi + step / 1e6; i++) ticks.add(i * step);
            return new Axis(false, 0, hi, ticks, List.of());
        }

        static Axis log(List<Double> values) {
            double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(10);
            int lo = (int) Math.floor(Math.log10(min)), hi = (int) Math.ceil(Math.log10(max));
            if (hi == lo) hi++;
            var ticks = new ArrayList<Double>();
            var minor = new ArrayList<Double>();
            // Few decades leave room to label 2 and 5 as well, and to end the axis at one of them, not a whole decade away.
            boolean dense = Math.log10(max / min) <= 3;
            double bottom = Math.pow(10, lo), top = Math.pow(10, hi);
            if (dense) {
                var steps = new ArrayList<Double>();
                for (int k = lo; k < hi; k++) for (int m : new int[]{1, 2, 5}) steps.add(m * Math.pow(10, k));
                steps.add(top);
                double b = steps.stream().filter(v -> v <= min * 1.0001).reduce((first, last) -> last).orElse(bottom);
                bottom = b;
                top = steps.stream().filter(v -> v >= max / 1.0001 && v > b * 1.0001).findFirst().orElse(top);
            }
            for (int k = lo; k <= hi; k++) {
                for (int m = 1; m <= 9; m++) {
                    double v = m * Math.pow(10, k);
                    if (v < bottom / 1.0001 || v > top * 1.0001) continue;
                    if (m == 1 || dense && (m == 2 || m == 5)) ticks.add(v);
                    else minor.add(v);
                }
            }
            return new Axis(true, Math.log10(bottom), Math.log10(top), ticks, minor);
        }

        double pixel(double v) {
            double f = log ? (Math.log10(v) - lo) / (hi - lo) : (v - lo) / (hi - lo);
            return BOTTOM - f * (BOTTOM - TOP);
        }

        void draw(Svg svg, String title, int right) {
            for (double m : minor) svg.line(LEFT, pixel(m), right, pixel(m), MINOR, 1, false);
            for (double t : ticks) {
                svg.line(LEFT, pixel(t), right, pixel(t), GRID, 1, false);
                svg.text(LEFT - 8, pixel(t) + 4, "end", 12, num(t));
            }
            svg.verticalText(24, (TOP + BOTTOM) / 2.0, 13, title);
        }
    }

    /** The document being written. */
    private static final class Svg {
        private final StringBuilder sb = new StringBuilder();

        Svg(String title) {
            sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                    .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                    .append("\" font-family=\"'DejaVu Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif\" fill=\"#222222\">\n");
            sb.append("<title>").append(escape(title)).append("</title>\n");
            sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
            sb.append("<text x=\"").append(WIDTH / 2).append("\" y=\"30\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">")
                    .append(escape(title)).append("</text>\n");
        }

        void frame(int right) {
            sb.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(right - LEFT)
                    .append("\" height=\"").append(BOTTOM - TOP).append("\" fill=\"none\" stroke=\"").append(AXIS).append("\"/>\n");
        }

        void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
            sb.append("<line x1=\"").append(c(x1)).append("\" y1=\"").append(c(y1)).append("\" x2=\"").append(c(x2)).append("\" y2=\"")
                    .append(c(y2)).append("\" stroke=\"").append(color).append("\" stroke-width=\"").append(c(width)).append('"');
            if (dashed) sb.append(" stroke-dasharray=\"6 4\"");
            sb.append("/>\n");
        }

        void text(double x, double y, String anchor, int size, String text) {
            sb.append("<text x=\"").append(c(x)).append("\" y=\"").append(c(y)).append("\" text-anchor=\"").append(anchor)
                    .append("\" font-size=\"").append(size).append("\">").append(escape(text)).append("</text>\n");
        }

        void verticalText(double x, double y, int size, String text) {
            sb.append("<text transform=\"translate(").append(c(x)).append(' ').append(c(y)).append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"")
                    .append(size).append("\">").append(escape(text)).append("</text>\n");
        }

        void bar(double x, double y, double w, double h, String color, String tip) {
            sb.append("<rect x=\"").append(c(x)).append("\" y=\"").append(c(y)).append("\" width=\"").append(c(w)).append("\" height=\"")
                    .append(c(h)).append("\" fill=\"").append(color).append('"');
            if (tip == null) sb.append("/>\n");
            else sb.append("><title>").append(escape(tip)).append("</title></rect>\n");
        }

        /** A series' line and markers, each marker with its value as a tooltip (seen when the file is opened itself). */
        void series(Series s, List<double[]> points, List<String> tips) {
            if (points.isEmpty()) return;
            sb.append("<g class=\"series\" data-name=\"").append(escape(s.name())).append("\">\n");
            sb.append("<polyline fill=\"none\" stroke=\"").append(s.color()).append("\" stroke-width=\"2\"");
            if (s.dashed()) sb.append(" stroke-dasharray=\"6 4\"");
            sb.append(" points=\"");
            for (double[] p : points) sb.append(c(p[0])).append(',').append(c(p[1])).append(' ');
            sb.setLength(sb.length() - 1);
            sb.append("\"/>\n");
            for (int i = 0; i < points.size(); i++) marker(s.marker(), s.color(), points.get(i)[0], points.get(i)[1], tips.get(i));
            sb.append("</g>\n");
        }

        private void marker(Marker m, String color, double x, double y, String tip) {
            String t = tip == null ? "" : "<title>" + escape(tip) + "</title>";
            switch (m) {
                case CIRCLE -> sb.append("<circle cx=\"").append(c(x)).append("\" cy=\"").append(c(y)).append("\" r=\"4.5\" fill=\"")
                        .append(color).append("\">").append(t).append("</circle>\n");
                case DIAMOND -> sb.append("<path d=\"M").append(c(x)).append(' ').append(c(y - 6)).append(" l6 6 l-6 6 l-6 -6 z\" fill=\"")
                        .append(color).append("\">").append(t).append("</path>\n");
                case NONE -> {
                }
            }
        }

        /** One entry per series, the first {@code swatches} of them (bars) as a square of their colour. */
        void legend(int right, List<Series> entries, int swatches) {
            double x = right + 16, y = TOP + 10;
            for (int i = 0; i < entries.size(); i++) {
                Series s = entries.get(i);
                sb.append("<g class=\"legend\">\n");
                if (i < swatches) bar(x + 8, y - 6, 12, 12, s.color(), null);
                else line(x, y, x + 28, y, s.color(), 2, s.dashed());
                marker(s.marker(), s.color(), x + 14, y, null);
                text(x + 36, y + 4, "start", 12, s.name());
                sb.append("</g>\n");
                y += 24;
            }
        }

        String end() {
            return sb.append("</svg>\n").toString();
        }

        /** Coordinates to a tenth of a pixel: finer is invisible and only makes the file larger. */
        private static String c(double v) {
            long tenths = Math.round(v * 10);
            return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths < 0 && tenths > -10 ? "-" : "") + (tenths / 10) + "." + Math.abs(tenths % 10);
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
