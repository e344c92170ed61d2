package dev.netspec.conform;

import java.util.List;
import java.util.Locale;

/**
 * A JUnit XML report (the {@code testsuite}/{@code testcase}/{@code failure} format Ant's JUnit
 * task introduced, which Jenkins, GitLab, GitHub Actions reporters and others read): one test case
 * per scenario, a {@code failure} for a disagreement or failed expectation, an {@code error} for a
 * scenario that could not be checked; the message is the scenario's report.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    public static String write(String suiteName, List<ScenarioReport> reports, double seconds) {
        long failures = reports.stream().filter(r -> r.status() == ScenarioReport.Status.FAILS
                || r.status() == ScenarioReport.Status.DIVERGES).count();
        long errors = reports.stream().filter(r -> r.status() == ScenarioReport.Status.ERROR).count();
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\" time=\"%.3f\">%n",
                escape(suiteName), reports.size(), failures, errors, seconds));
        for (ScenarioReport r : reports) {
            b.append("  <testcase classname=\"").append(escape(classname(r))).append("\" name=\"").append(escape(r.name()))
                    .append("\" file=\"").append(escape(r.file().toString())).append('"');
            switch (r.status()) {
                case CONFORMS -> b.append("/>\n");
                case FAILS, DIVERGES, ERROR -> {
                    String tag = r.status() == ScenarioReport.Status.ERROR ? "error" : "failure";
                    b.append(">\n    <").append(tag).append(" type=\"").append(r.label()).append("\" message=\"")
                            .append(escape(firstLine(r))).append("\">").append(escape(r.render())).append("</")
                            .append(tag).append(">\n  </testcase>\n");
                }
            }
        }
        return b.append("</testsuite>\n").toString();
    }

    private static String classname(ScenarioReport r) {
        var parent = r.file().toAbsolutePath().getParent();
        return "netspec.conform." + (parent == null ? "scenarios" : parent.getFileName().toString());
    }

    private static String firstLine(ScenarioReport r) {
        String[] lines = r.render().split("\n");
        return lines.length > 1 ? lines[1].strip() : r.label();
    }

    /** XML text: markup characters escaped, characters XML 1.0 forbids dropped. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
