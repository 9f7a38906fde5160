package io.gridbench.runner.strategy.process;

import io.gridbench.runner.workload.Kernel;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads the pool protocol from a channel into one direct buffer. Payloads are hashed in place, so a
 * payload byte is copied once (pipe to buffer) instead of three times through a stream's native
 * buffer and a heap array.
 */
final class ChannelReader {
  private final ReadableByteChannel channel;
  // Unread bytes are buffer[position, limit); headers are big-endian as DataOutputStream writes.
  private final ByteBuffer buffer;
  // The same memory read as little-endian words, for the kernel's hash; absolute reads only.
  private final ByteBuffer words;

  ChannelReader(ReadableByteChannel channel, int capacity) {
    this.channel = channel;
    this.buffer = ByteBuffer.allocateDirect(capacity);
    this.buffer.limit(0);
    this.words = buffer.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN);
  }

  int readInt() throws IOException {
    need(4);
    return buffer.getInt();
  }

  long readLong() throws IOException {
    need(8);
    return buffer.getLong();
  }

  byte[] readBytes(int n) throws IOException {
    need(n);
    byte[] out = new byte[n];
    buffer.get(out);
    return out;
  }

  /** Bytes already read from the channel and not yet consumed: readable without blocking. */
  int buffered() {
    return buffer.remaining();
  }

  /** Reads 8 bytes as a little-endian long, as a task result carries its digest. */
  long readLongLittleEndian() throws IOException {
    need(8);
    long v = words.getLong(buffer.position());
    buffer.position(buffer.position() + 8);
    return v;
  }

  /** Reads and drops {@code n} bytes, any number of them. */
  void skip(long n) throws IOException {
    long remaining = n;
    while (remaining > 0) {
      need(1);
      int step = (int) Math.min(buffer.remaining(), remaining);
      buffer.position(buffer.position() + step);
      remaining -= step;
    }
  }

  /** Reads {@code len} payload bytes and returns their FNV-1a hash, block by block as they come. */
  long hashPayload(int len) throws IOException {
    long h = Kernel.FNV_OFFSET_BASIS;
    int remaining = len;
    while (remaining >= 8) {
      need(8);
      int n = Math.min(buffer.remaining(), remaining) & ~7;
      int start = buffer.position();
      h = Kernel.hashWords(h, words, start, n);
      buffer.position(start + n);
      remaining -= n;
    }
    need(remaining);
    for (int i = 0; i < remaining; i++) {
      h ^= (buffer.get() & 0xFF);
      h *= Kernel.FNV_PRIME;
    }
    return h;
  }

  /** Makes at least {@code n} unread bytes available, reading more as needed. */
  private void need(int n) throws IOException {
    if (buffer.remaining() >= n) {
      return;
    }
    if (n > buffer.capacity()) {
      throw new IOException("a field of " + n + " bytes exceeds the read buffer");
    }
    buffer.compact();
    while (buffer.position() < n) {
      if (channel.read(buffer) < 0) {
        throw new EOFException();
      }
    }
    buffer.flip();
  }
}
