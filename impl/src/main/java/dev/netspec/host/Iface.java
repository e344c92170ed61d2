package dev.netspec.host;

import dev.netspec.driver.Driver;
import dev.netspec.nic.Nic;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;

/**
 * One network interface of a host: its NIC, the driver running it, its addresses, and its index
 * in the host's {@link dev.netspec.net.NetStack}.
 */
public record Iface(String name, int index, Nic nic, Driver driver, MacAddr mac, Ipv4Addr address, int prefixLength) {
    /** True if {@code a} is on this interface's subnet. */
    public boolean onLink(Ipv4Addr a) {
        return a.inSubnet(address, prefixLength);
    }
}
