package dev.netspec.livelock;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Output rate against input rate, one series per curve, in the layout of the paper's figures. */
final class LivelockPlot {
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
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
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
