package dev.netspec.trace.ast;

/** {@code host.nic}, e.g. {@code a.eth0}. */
public record NicRef(Pos pos, String host, String nic) implements Node {
    @Override
    public String toString() {
        return host + "." + nic;
    }
}
