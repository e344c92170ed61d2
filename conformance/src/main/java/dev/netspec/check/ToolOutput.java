package dev.netspec.check;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLC's {@code -tool} output split into messages and the untagged text between them (SANY's parser
 * output is not wrapped). Messages nest: TLC wraps a configuration-file error (5006) inside the
 * "unexpected exception" message (1000), so a nested message's text is also part of its parent's.
 * Messages are listed in the order they start.
 */
public record ToolOutput(List<ToolMessage> messages, String untagged) {

    private static final Pattern MARKER =
            Pattern.compile("@!@!@STARTMSG (\\d+):(\\d+) @!@!@\\r?\\n?|@!@!@ENDMSG (\\d+) @!@!@\\r?\\n?");

    public ToolOutput {
        messages = List.copyOf(messages);
    }

    public static ToolOutput split(String out) {
        List<ToolMessage> messages = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        StringBuilder untagged = new StringBuilder();
        Matcher m = MARKER.matcher(out);
        int at = 0;
        while (m.find()) {
            String between = out.substring(at, m.start());
            appendText(open, untagged, between);
            at = m.end();
            if (m.group(1) != null) {
                messages.add(null); // slot keeps start order; filled when the message closes
                open.push(new Open(messages.size() - 1, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        new StringBuilder()));
            } else if (!open.isEmpty()) {
                Open done = open.pop();
                String text = done.text().toString();
                messages.set(done.slot(), new ToolMessage(done.code(), done.severity(), text));
                if (!open.isEmpty()) {
                    open.peek().text().append(text);
                }
            }
            // An ENDMSG with no open message is noise from a truncated run: ignore it.
        }
        appendText(open, untagged, out.substring(at));
        // A run cut off mid-message still yields what it printed.
        while (!open.isEmpty()) {
            Open done = open.pop();
            messages.set(done.slot(), new ToolMessage(done.code(), done.severity(), done.text().toString()));
        }
        return new ToolOutput(messages, untagged.toString());
    }

    private static void appendText(Deque<Open> open, StringBuilder untagged, String text) {
        if (open.isEmpty()) {
            untagged.append(text);
        } else {
            open.peek().text().append(text);
        }
    }

    /** A message whose ENDMSG has not been seen yet; {@code slot} is its index in start order. */
    private record Open(int slot, int code, int severity, StringBuilder text) {}
}
