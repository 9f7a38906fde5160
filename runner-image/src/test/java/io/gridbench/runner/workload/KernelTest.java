package io.gridbench.runner.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers pin the kernel. SplitMix64 and FNV-1a values are the published reference outputs;
 * the cell checksums were computed by an independent Python implementation of the kernel spec.
 */
class KernelTest {

  @Test
  void splitMix64MatchesTheReferenceGenerator() {
    // The first output of SplitMix64 seeded with 0 is 0xE220A8397B1DCDAF.
    assertThat(Kernel.compute(0, 1)).isEqualTo(0xe220a8397b1dcdafL);
    assertThat(Kernel.mix(0)).isZero();
    assertThat(Kernel.mix(1)).isEqualTo(0x5692161d100b05e5L);
    assertThat(Kernel.compute(42, 1000)).isEqualTo(0xee119febf0d3e9fdL);
    assertThat(Kernel.compute(42, 0)).isZero();
  }

  @Test
  void payloadHashIsFnv1aOverLittleEndianWords() {
    assertThat(Kernel.hashPayload(new byte[0], 0, 0)).isEqualTo(0xcbf29ce484222325L);
    // Under 8 bytes the word pass is empty, so this is plain FNV-1a 64 of "abc".
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertThat(Kernel.hashPayload(abc, 0, abc.length)).isEqualTo(0xe71fa2190541574bL);
    byte[] thirteen = new byte[13];
    for (int i = 0; i < thirteen.length; i++) {
      thirteen[i] = (byte) i;
    }
    assertThat(Kernel.hashPayload(thirteen, 0, 13)).isEqualTo(0x9b20de7df85817bdL);
  }

  @Test
  void heapAndDirectBuffersHashAlike() {
    byte[] data = new byte[1031];
    Kernel.fillPayload(data, 7);
    ByteBuffer direct = ByteBuffer.allocateDirect(2000);
    direct.position(500);
    direct.put(data);
    direct.position(500).limit(500 + data.length);
    assertThat(Kernel.hashPayload(direct)).isEqualTo(Kernel.hashPayload(data, 0, data.length));
    assertThat(direct.position()).as("hashing does not move the buffer").isEqualTo(500);
  }

  @Test
  void hashingBlockByBlockEqualsOnePass() {
    byte[] data = new byte[100_003];
    Kernel.fillPayload(data, 11);
    long h = Kernel.FNV_OFFSET_BASIS;
    int pos = 0;
    for (int block : new int[] {8, 4096, 65536}) {
      h = Kernel.hashWords(h, data, pos, block);
      pos += block;
    }
    int words = (data.length - pos) & ~7;
    h = Kernel.hashWords(h, data, pos, words);
    h = Kernel.hashTail(h, data, pos + words, data.length - pos - words);
    assertThat(h).isEqualTo(Kernel.hashPayload(data, 0, data.length));
  }

  @Test
  void payloadsAndSeedsAreDeterministic() {
    assertThat(Kernel.taskSeed(1000, 4096, 3)).isEqualTo(0x41eb8c231713578fL);
    byte[] payload = new byte[16];
    Kernel.fillPayload(payload, Kernel.taskSeed(0, 16, 0));
    assertThat(HexFormat.of().formatHex(payload)).isEqualTo("3ca55ef7b0ce61bf9ba4543484399bf1");
  }

  @Test
  void cellChecksumsMatchTheIndependentImplementation() {
    assertThat(CellWork.prepare(0, 0, 4, 8).referenceChecksum()).isEqualTo(0x83cfaad3b8dae5c4L);
    assertThat(CellWork.prepare(1000, 100, 8, 8).referenceChecksum())
        .isEqualTo(0x3b3ebdd548d2d31dL);
    assertThat(CellWork.prepare(12345, 4099, 16, 8).referenceChecksum())
        .isEqualTo(0x6ff129c5915a377eL);
  }

  @Test
  void resultCarriesTheDigestThenFiller() {
    byte[] result = Kernel.result(0x0123456789abcdefL, 20);
    assertThat(result).hasSize(20);
    assertThat(Kernel.digestOf(result, 0)).isEqualTo(0x0123456789abcdefL);
    assertThat(Kernel.result(0x0123456789abcdefL, 20)).isEqualTo(result);
  }

  @Test
  void everyTaskOfAnEmptyCellHasItsOwnDigest() {
    CellWork cell = CellWork.prepare(0, 0, 2, 8);
    assertThat(cell.digestOf(0, cell.runTask(0))).isNotEqualTo(cell.digestOf(1, cell.runTask(1)));
  }
}
