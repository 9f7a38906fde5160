package io.gridbench.api.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes results documents; writes are atomic, so no half-written file is left. */
public final class ResultsJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsJson() {}

  /** The mapper for results and plans: ISO-8601 instants, indented output. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException("results are not serializable", e);
    }
  }

  /** Reads a results document; a missing file is a {@link java.nio.file.NoSuchFileException}. */
  public static SweepResults read(Path path) throws IOException {
    try (var in = Files.newInputStream(path)) {
      return MAPPER.readValue(in, SweepResults.class);
    }
  }

  /** Writes {@code results} to a sibling temporary file, then moves it into place. */
  public static void write(SweepResults results, Path path) throws IOException {
    Path target = path.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      MAPPER.writeValue(tmp.toFile(), results);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
