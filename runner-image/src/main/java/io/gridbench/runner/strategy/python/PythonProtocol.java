package io.gridbench.runner.strategy.python;

/**
 * The wire format between the runner and its Python worker ({@code gridbench_worker.py}, whose
 * docstring is the reference), over the worker's stdin and stdout, big-endian.
 *
 * <pre>
 * request  := CELL tasks:int compute:long payloadBytes:int resultBytes:int (seed:long payload)*
 *           | RUN chunkSize:int          (0: Pool.map's default)
 *           | EXIT
 * response := READY | OK | RESULT tasks:int checksum:long | ERROR length:int message:utf8
 * </pre>
 *
 * A CELL is sent before the cell's samples and held by the worker; each RUN is one sample.
 */
final class PythonProtocol {
  static final int CELL = 1;
  static final int RUN = 2;
  static final int EXIT = 3;
  static final int READY = 0x67700001;
  static final int OK = 0x67700002;
  static final int RESULT = 0x67700003;
  static final int ERROR = 0x677000FF;

  /** The longest ERROR message read; a longer length means the stream is not the protocol. */
  static final int MAX_MESSAGE = 1 << 16;

  private PythonProtocol() {}
}
