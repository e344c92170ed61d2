package dev.netspec.host;

/**
 * The user-level screening process in the forwarding path (the paper's screend, Figures 6-1 and 6-4):
 * every packet to be forwarded is queued for it, it decides (at user level, costing a copy to
 * user space, its own work and a system call to hand the packet back) and the kernel then
 * forwards it. The watermarks drive queue-state feedback for {@code poll_feedback} drivers:
 * input stops when the queue reaches {@code highWatermark} and resumes when screend has drained it
 * to {@code lowWatermark}.
 */
public record ScreendConfig(int queueLimit, int highWatermark, int lowWatermark) {
    public ScreendConfig {
        if (queueLimit < 1 || lowWatermark < 0 || lowWatermark >= highWatermark || highWatermark > queueLimit) {
            throw new IllegalArgumentException("need 0 <= low < high <= limit, got low=" + lowWatermark
                    + " high=" + highWatermark + " limit=" + queueLimit);
        }
    }

    /** A queue of 32 with feedback at 75% and 25%. */
    public static ScreendConfig defaults() {
        return new ScreendConfig(32, 24, 8);
    }
}
