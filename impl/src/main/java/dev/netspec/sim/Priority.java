package dev.netspec.sim;

/**
 * CPU priority levels, lowest first. A task at a higher level preempts one at a lower level at once;
 * tasks at the same level never preempt each other (an interrupt handler is not interrupted by
 * another at its own IPL, a kernel thread runs until it blocks or yields), except that USER tasks
 * share the CPU by time slices. This is the ordering of 4.4BSD's spl levels that Mogul and
 * Ramakrishnan describe in section 4: device interrupts above the software interrupt (softnet)
 * above every user process.
 */
public enum Priority {
    /** User processes (screend, applications) and Linux's ksoftirqd thread. */
    USER,
    /** Kernel threads and software interrupts (ipintr, NET_RX softirq, the polling thread). */
    KERNEL,
    /** Device interrupt handlers. */
    HARDIRQ
}
