package io.gridbench.runner.strategy.process;

/**
 * The wire format between the ProcessPool driver and its worker processes, over the worker's stdin
 * (requests) and stdout (responses), big-endian as {@code DataOutputStream} writes it.
 *
 * <pre>
 * request  := CHUNK count:int task*  |  MAP_SHM pathLen:int path:utf8  |  EXIT
 * task     := seed:long compute:long resultBytes:int payloadLen:int payload   (pipe transport)
 *           | seed:long compute:long resultBytes:int payloadLen:int shmOffset:long  (shm)
 * response := READY | RESULTS count:int (resultLen:int result)*
 * </pre>
 */
final class PoolProtocol {
  static final int READY = 0x67620001;
  static final int CHUNK_PIPE = 1;
  static final int CHUNK_SHM = 2;
  static final int MAP_SHM = 3;
  static final int EXIT = 4;
  static final int RESULTS = 5;

  private PoolProtocol() {}
}
