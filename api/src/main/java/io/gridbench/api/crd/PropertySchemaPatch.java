package io.gridbench.api.crd;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/**
 * A CRD-generator customizer that merges a JSON patch into named properties of a type's schema, for
 * what Fabric8's annotations cannot say (a {@code date-time} format, a map list). Its input is
 * {@code {"<property>": {<merge patch>}, ...}}; a property the type does not have fails the build.
 * Used at build time only, by the CRD generator.
 */
public final class PropertySchemaPatch implements SchemaCustomizer.Customizer {

  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
    Map<?, ?> patches = serialization.unmarshal(input, Map.class);
    for (Map.Entry<?, ?> e : patches.entrySet()) {
      JSONSchemaProps property = schema;
      for (String step : String.valueOf(e.getKey()).split("\\.")) {
        boolean items = step.endsWith("[]");
        String name = items ? step.substring(0, step.length() - 2) : step;
        property = property.getProperties() == null ? null : property.getProperties().get(name);
        if (property != null && items) {
          property = property.getItems() == null ? null : property.getItems().getSchema();
        }
        if (property == null) {
          throw new IllegalArgumentException("the schema has no property " + e.getKey());
        }
      }
      // A merge patch into one property: Jackson replaces nested maps rather than merging them,
      // so patching a parent's "properties" would drop its other properties.
      serialization.mergePatch(property, serialization.asJson(e.getValue()));
    }
    return schema;
  }
}
