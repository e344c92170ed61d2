/**
 * Wire formats: Ethernet II (with an optional 802.1Q tag), ARP, IPv4, ICMP, UDP and TCP (with
 * options: MSS, window scale, SACK-permitted, SACK, timestamps).
 *
 * <p>Two levels per protocol, after smoltcp's {@code src/wire}:
 *
 * <ul>
 *   <li>a <em>view</em> ({@code EthernetView}, {@code ArpView}, {@code Ipv4View}, {@code
 *       IcmpView}, {@code UdpView}) over the bytes of an {@link dev.netspec.buf.Mbuf}: field
 *       offsets as named constants taken from the RFC diagrams, getters and setters, and a
 *       {@code wrapChecked} that makes every getter safe on untrusted input;
 *   <li>an immutable <em>representation</em> ({@code EthernetHeader}, {@code ArpPacket}, {@code
 *       Ipv4Header}, {@code IcmpMessage}, {@code UdpHeader}): {@code parse} validates and returns
 *       a {@link dev.netspec.wire.Parsed} (the header, or a {@link dev.netspec.wire.Rejection}
 *       naming the RFC rule that was broken); {@code emit} writes the header at index 0 of a
 *       buffer and never fails on a buffer of exactly {@code headerLen()} bytes.
 * </ul>
 *
 * <p>Parsers never throw on bad bytes: every way a header can be wrong is a {@code Rejection}
 * constant, so the layer above can count it as a drop (the Jetty HttpParser pattern of reporting
 * protocol violations as values carrying their RFC reference).
 */
package dev.netspec.wire;
