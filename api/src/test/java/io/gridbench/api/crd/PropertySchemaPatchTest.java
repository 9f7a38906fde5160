package io.gridbench.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class PropertySchemaPatchTest {

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  private static JSONSchemaProps schema() {
    return new JSONSchemaPropsBuilder()
        .withType("object")
        .addToProperties("start", new JSONSchemaPropsBuilder().withType("string").build())
        .addToProperties("phase", new JSONSchemaPropsBuilder().withType("string").build())
        .addToProperties(
            "conditions",
            new JSONSchemaPropsBuilder()
                .withType("array")
                .withNewItems()
                .withSchema(
                    new JSONSchemaPropsBuilder()
                        .withType("object")
                        .addToProperties(
                            "time", new JSONSchemaPropsBuilder().withType("string").build())
                        .build())
                .endItems()
                .build())
        .build();
  }

  @Test
  void patchesNamedPropertiesAndPathsThroughListItemsAndKeepsTheRest() {
    JSONSchemaProps patched =
        new PropertySchemaPatch()
            .apply(
                schema(),
                "{\"start\":{\"format\":\"date-time\"},"
                    + "\"conditions[].time\":{\"format\":\"date-time\"}}",
                serialization);

    assertThat(patched.getProperties().get("start").getFormat()).isEqualTo("date-time");
    assertThat(patched.getProperties().get("start").getType()).isEqualTo("string");
    assertThat(patched.getProperties().get("phase").getFormat()).isNull();
    assertThat(
            patched
                .getProperties()
                .get("conditions")
                .getItems()
                .getSchema()
                .getProperties()
                .get("time")
                .getFormat())
        .isEqualTo("date-time");
  }

  @Test
  void aPropertyTheSchemaDoesNotHaveFailsTheBuild() {
    assertThatThrownBy(
            () ->
                new PropertySchemaPatch()
                    .apply(schema(), "{\"conditions[].nope\":{\"format\":\"x\"}}", serialization))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the schema has no property conditions[].nope");
  }
}
