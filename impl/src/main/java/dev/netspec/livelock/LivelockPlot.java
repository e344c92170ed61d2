package dev.netspec.livelock;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.netspec.driver.Design;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Output rate against input rate, one series per curve, in the layout of the paper's figures. */
final class LivelockPlot {
    private static final Map<Design, Color> COLOURS = Map.of(
            Design.INTERRUPT, new Color(0xd6, 0x27, 0x28),
            Design.POLL_NOQUOTA, new Color(0x2c, 0xa0, 0x2c),
            Design.POLL_QUOTA, new Color(0x1f, 0x77, 0xb4),
            Design.POLL_FEEDBACK, new Color(0x94, 0x67, 0xbd),
            Design.NAPI, new Color(0xff, 0x7f, 0x0e));

    private LivelockPlot() {
    }

    static void write(LivelockExperiment.Results results, Path file, int width, int height) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve c : results.config().curves()) {
            XYSeries s = new XYSeries(c.name(), false, true);
            for (Point p : results.curve(c)) {
                s.add(p.inputPps(), p.outputPps());
            }
            data.addSeries(s);
        }
        NumberAxis x = new NumberAxis("Input packet rate (pkts/sec)");
        NumberAxis y = new NumberAxis("Output packet rate (pkts/sec)");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        List<Curve> curves = results.config().curves();
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            renderer.setSeriesPaint(i, COLOURS.getOrDefault(c.design(), Color.BLACK));
            // screend variants dashed, in the colour of their design
            renderer.setSeriesStroke(i, c.screend()
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f)
                    : new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Forwarding under overload (simulated; after Mogul & Ramakrishnan Figs. 6-1, 6-3, 6-4)",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }
}
