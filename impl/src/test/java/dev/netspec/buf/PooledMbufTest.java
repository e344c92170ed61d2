package dev.netspec.buf;

import org.junit.jupiter.api.AfterEach;

/** The {@link Mbuf} contract on pooled storage; every test must return every buffer. */
class PooledMbufTest extends MbufContract {
  private final MbufPool pool = new MbufPool(8, 8);

  @Override
  Mbuf empty(int headroom, int room) {
    return pool.tryAllocate(headroom, room);
  }

  @AfterEach
  void noLeaks() {
    pool.checkNoLeaks();
  }
}
