package dev.netspec.check;

/**
 * One message of TLC's {@code -tool} output: {@code @!@!@STARTMSG code:severity @!@!@} text
 * {@code @!@!@ENDMSG code @!@!@}. Severity is TLC's {@code tlc2.output.MP} class: 0 none, 1 error,
 * 2 TLC bug, 3 warning, 4 state.
 */
public record ToolMessage(int code, int severity, String text) {

    public static final int NONE = 0;
    public static final int ERROR = 1;
    public static final int TLC_BUG = 2;
    public static final int WARNING = 3;
    public static final int STATE = 4;

    public boolean isError() {
        return severity == ERROR || severity == TLC_BUG;
    }
}
