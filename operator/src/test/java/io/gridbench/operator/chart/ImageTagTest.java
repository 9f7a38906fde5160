package io.gridbench.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.testing.Helm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The images the build tags (profile {@code images}), the chart's defaults and the operator's
 * default runner image name one release: a chart installed with its defaults runs the images the
 * build made.
 */
class ImageTagTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String tag = System.getProperty("gridbench.image.tag");
  private final String projectVersion = System.getProperty("gridbench.project.version");

  @Test
  void theImageTagIsTheReleaseOfTheProjectVersionNeverLatest() {
    assertThat(tag).as("surefire passes gridbench.image.tag").isNotBlank().isNotEqualTo("latest");
    assertThat(projectVersion).isIn(tag, tag + "-SNAPSHOT");
  }

  @Test
  void theChartAndTheOperatorDefaultToTheImagesTheBuildTags() throws Exception {
    JsonNode chart = YAML.readTree(Helm.CHART.resolve("Chart.yaml").toFile());
    JsonNode values = YAML.readTree(Helm.CHART.resolve("values.yaml").toFile());
    assertThat(chart.path("appVersion").asText()).isEqualTo(tag);
    // Empty: the chart runs gridbench/runner at its appVersion (HelmChartTest renders it).
    assertThat(values.path("runner").path("image").asText()).isEmpty();
    assertThat(values.path("image").path("repository").asText()).isEqualTo("gridbench/operator");
    assertThat(OperatorSettings.DEFAULT_RUNNER_IMAGE).isEqualTo("gridbench/runner:" + tag);
    assertThat(values.path("runner").path("rayImage").asText()).isEmpty();
    assertThat(OperatorSettings.DEFAULT_RAY_IMAGE).isEqualTo("gridbench/ray:" + tag);
  }

  @Test
  void theImagesRunAsTheUsersTheChartDeclares() throws Exception {
    JsonNode values = YAML.readTree(Helm.CHART.resolve("values.yaml").toFile());
    // Jib's <user> in runner-image/pom.xml and operator/pom.xml.
    assertThat(values.path("runner").path("uid").asLong()).isEqualTo(1000L);
    assertThat(values.path("podSecurityContext").path("runAsUser").asLong()).isEqualTo(10001L);
    assertThat(Path.of("..", "runner-image", "pom.xml"))
        .content()
        .contains("<user>1000:1000</user>");
    assertThat(Path.of("pom.xml")).content().contains("<user>10001:10001</user>");
  }
}
