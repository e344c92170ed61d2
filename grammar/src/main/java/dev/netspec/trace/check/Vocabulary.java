package dev.netspec.trace.check;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names the checker knows: object properties, protocol fields, socket calls, model
 * events. Kept in one place so that the manual (docs/trace-language.md) and the checker
 * can be compared line by line.
 */
final class Vocabulary {
    private Vocabulary() {}

    /** What kind of value a property or field takes. */
    enum Kind { MAC, PREFIX, IPV4, ENDPOINT, BOOL, COUNT, DURATION, BANDWIDTH, RATE, PROBABILITY, WORD, BYTES, STRING, INTEGER }

    /** A property: its kind, bounds for numbers, allowed words, and whether it may repeat. */
    record Spec(Kind kind, long min, long max, Set<String> words, boolean repeatable) {
        static Spec of(Kind kind) {
            return new Spec(kind, 0, Long.MAX_VALUE, Set.of(), false);
        }

        static Spec count(long min, long max) {
            return new Spec(Kind.COUNT, min, max, Set.of(), false);
        }

        static Spec word(String... words) {
            return new Spec(Kind.WORD, 0, 0, Set.of(words), false);
        }

        /** An integer in range, or one of the words (e.g. an EtherType by name). */
        static Spec integerOrWord(long min, long max, String... words) {
            return new Spec(Kind.INTEGER, min, max, Set.of(words), false);
        }

        Spec asRepeatable() {
            return new Spec(kind, min, max, words, true);
        }
    }

    /**
     * Receive disciplines, the same variants as the spec's receive-path model:
     * 4.4BSD interrupt-driven with ipintrq, polling without quota, polling with a quota,
     * polling with quota and queue feedback (Mogul and Ramakrishnan, "Eliminating Receive
     * Livelock", 1997, section 6), and Linux NAPI.
     */
    static final Set<String> DRIVERS = Set.of("interrupt", "poll_noquota", "poll_quota", "poll_feedback", "napi");

    static final Map<String, Spec> NIC = Map.of(
            "mac", Spec.of(Kind.MAC),
            "addr", Spec.of(Kind.PREFIX).asRepeatable(),
            "rx_ring", Spec.count(1, 65536),
            "tx_ring", Spec.count(1, 65536),
            "driver", new Spec(Kind.WORD, 0, 0, DRIVERS, false),
            "quota", Spec.count(1, 1 << 20),
            "budget", Spec.count(1, 1 << 20),
            "moderation", Spec.of(Kind.DURATION),
            "moderation_frames", Spec.count(1, 65536),
            "mtu", Spec.count(68, 65535));

    static final Map<String, Spec> LINK = Map.of(
            "bandwidth", Spec.of(Kind.BANDWIDTH),
            "delay", Spec.of(Kind.DURATION),
            "jitter", Spec.of(Kind.DURATION),
            "loss", Spec.of(Kind.PROBABILITY),
            "duplicate", Spec.of(Kind.PROBABILITY),
            "reorder", Spec.of(Kind.PROBABILITY),
            "corrupt", Spec.of(Kind.PROBABILITY),
            "queue", Spec.count(1, 1 << 24));

    /** Load generator parameters; {@code arrivals} chooses evenly spaced or Poisson (exponential gaps) frames. */
    static final Map<String, Spec> LOAD = Map.of(
            "rate", Spec.of(Kind.RATE),
            "duration", Spec.of(Kind.DURATION),
            "count", Spec.count(1, Long.MAX_VALUE),
            "arrivals", Spec.word("constant", "poisson"));

    static final Map<String, Map<String, Spec>> LAYERS = Map.of(
            "eth", Map.of(
                    "src", Spec.of(Kind.MAC),
                    "dst", Spec.of(Kind.MAC),
                    "type", Spec.integerOrWord(0, 0xffff, "ipv4", "arp")),
            "arp", Map.of(
                    "op", Spec.integerOrWord(1, 2, "request", "reply"),
                    "sha", Spec.of(Kind.MAC),
                    "spa", Spec.of(Kind.IPV4),
                    "tha", Spec.of(Kind.MAC),
                    "tpa", Spec.of(Kind.IPV4)),
            "ipv4", Map.of(
                    "src", Spec.of(Kind.IPV4),
                    "dst", Spec.of(Kind.IPV4),
                    "ttl", Spec.count(0, 255),
                    "tos", Spec.count(0, 255),
                    "id", Spec.count(0, 0xffff),
                    "proto", Spec.integerOrWord(0, 255, "icmp", "tcp", "udp"),
                    "df", Spec.of(Kind.BOOL),
                    "checksum", Spec.count(0, 0xffff)),
            "icmp", Map.of(
                    "type", Spec.integerOrWord(0, 255, "echo_request", "echo_reply", "unreachable", "time_exceeded"),
                    "code", Spec.count(0, 255),
                    "id", Spec.count(0, 0xffff),
                    "seq", Spec.count(0, 0xffff)),
            "udp", Map.of(
                    "sport", Spec.count(0, 0xffff),
                    "dport", Spec.count(0, 0xffff),
                    "checksum", Spec.count(0, 0xffff)),
            "tcp", Map.of(
                    "sport", Spec.count(0, 0xffff),
                    "dport", Spec.count(0, 0xffff),
                    "seq", Spec.count(0, 0xffffffffL),
                    "ack", Spec.count(0, 0xffffffffL),
                    "flags", Spec.of(Kind.STRING),
                    "win", Spec.count(0, 0xffff)),
            "payload", Map.of(
                    "len", Spec.count(0, 65535),
                    "bytes", Spec.of(Kind.BYTES),
                    "text", Spec.of(Kind.STRING)));

    /** Socket calls, as in the sockets API; all but socket() take the socket first. */
    static final Set<String> CALLS = Set.of("socket", "bind", "listen", "accept", "connect", "send", "recv",
            "sendto", "recvfrom", "shutdown", "close", "setsockopt", "getsockopt", "poll");

    static final Set<String> SOCKET_TYPES = Set.of("tcp", "udp");

    static final Set<String> ERRNOS = Set.of("EAGAIN", "EWOULDBLOCK", "ECONNREFUSED", "ECONNRESET", "ECONNABORTED",
            "EINPROGRESS", "EALREADY", "EISCONN", "ENOTCONN", "EADDRINUSE", "EADDRNOTAVAIL", "ETIMEDOUT", "EPIPE",
            "EINVAL", "EBADF", "EHOSTUNREACH", "ENETUNREACH", "EMSGSIZE", "ENOBUFS", "EOPNOTSUPP", "ESHUTDOWN",
            "EAFNOSUPPORT", "ENOPROTOOPT", "EINTR");

    /**
     * Model-level events: the actions of the spec's receive-path model (after Mogul and
     * Ramakrishnan 1997, figures 6-1 and 6-3, and the Linux NAPI design), so a spec scenario
     * can drive the model step by step.
     */
    static final Set<String> EVENTS = Set.of("arrival", "interrupt", "interrupt_handler", "poll", "softirq",
            "ip_input", "user_step", "transmit", "tx_complete", "schedule");

    /** What a path may name on a host, besides its NICs. */
    static final Set<String> HOST_OBJECTS = Set.of("tcp", "udp", "ip", "icmp", "arp", "cpu", "socket", "route",
            "softirq", "ipintrq", "queue");

    /** TCP options in packetdrill's spelling, with the number of words each takes. */
    static final Map<String, List<String>> TCP_OPTIONS = Map.of(
            "mss", List.of("#"),
            "nop", List.of(),
            "eol", List.of(),
            "sackOK", List.of(),
            "wscale", List.of("#"),
            "TS", List.of("val", "#", "ecr", "#"));

    /** packetdrill's TCP flag letters: SYN, FIN, PSH, RST, URG, ECE, CWR; "." is ACK. */
    static final String TCP_FLAG_LETTERS = "SFPRUEW";
}
