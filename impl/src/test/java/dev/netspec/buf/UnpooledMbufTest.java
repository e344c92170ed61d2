package dev.netspec.buf;

/** The {@link Mbuf} contract on unpooled (test and tool) storage. */
class UnpooledMbufTest extends MbufContract {
  @Override
  Mbuf empty(int headroom, int room) {
    return Mbuf.unpooled(headroom, room);
  }
}
