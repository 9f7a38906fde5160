package io.gridbench.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when {@code crds/} no longer matches the CRD generated from the Java model at
 * {@code process-classes}. Refresh with {@code ./mvnw -q -pl api verify -Dcrd.refresh} (this test
 * then writes the generated file over the committed one) and commit the result.
 */
class CommittedCrdTest {

  static final String FILE = "benchmarksweeps.gridbench.io-v1.yml";

  @Test
  void committedCrdEqualsTheGeneratedOne() throws IOException {
    Path generated = Path.of("target", "classes", "META-INF", "fabric8", FILE);
    Path committed = Path.of("..", "crds", FILE);
    assertThat(generated)
        .as("the crd-generator-maven-plugin output (runs at process-classes)")
        .exists();
    String fresh = Files.readString(generated);
    if (System.getProperty("crd.refresh") != null) {
      Files.writeString(committed, fresh);
    }
    assertThat(committed).as("the committed CRD %s", committed.normalize()).exists();
    assertThat(Files.readString(committed))
        .as(
            "crds/%s is stale: the Java model changed. Run `./mvnw -q -pl api verify"
                + " -Dcrd.refresh` and commit crds/",
            FILE)
        .isEqualTo(fresh);
  }
}
