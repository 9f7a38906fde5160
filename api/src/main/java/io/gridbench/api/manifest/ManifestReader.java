package io.gridbench.api.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridbench.api.v1alpha1.Axis;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Grid;
import io.gridbench.api.validation.SweepSpecValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads a BenchmarkSweep manifest (the YAML a user would {@code kubectl apply}) strictly: unknown
 * fields, wrong types and invalid values are errors with one line naming the field.
 */
public final class ManifestReader {

  private static final int MAX_MANIFEST_BYTES = 1024 * 1024;

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  private final SweepSpecValidator validator = new SweepSpecValidator();

  /** Reads and validates the manifest at {@code path}. */
  public SweepManifest read(Path path) throws ManifestException {
    String text;
    try {
      if (Files.size(path) > MAX_MANIFEST_BYTES) {
        throw new ManifestException(
            path + ": the manifest is larger than " + MAX_MANIFEST_BYTES + " bytes.");
      }
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new ManifestException(path + ": no such file.");
    } catch (IOException e) {
      throw new ManifestException(path + ": cannot be read (" + e.getMessage() + ").");
    }
    String fallbackName = path.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    return parse(text, fallbackName);
  }

  /**
   * Parses and validates manifest text. {@code fallbackName} names the sweep when the manifest has
   * no {@code metadata.name}.
   */
  public SweepManifest parse(String text, String fallbackName) throws ManifestException {
    JsonNode root;
    try {
      root = yaml.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ManifestException(
          "manifest: not valid YAML (" + firstLine(e.getOriginalMessage()) + locationOf(e) + ").");
    }
    if (root == null || !root.isObject()) {
      throw new ManifestException(
          "manifest: expected a BenchmarkSweep object with apiVersion, kind, metadata and spec.");
    }
    expectText(root, "apiVersion", BenchmarkSweep.API_VERSION);
    expectText(root, "kind", BenchmarkSweep.KIND);
    String name = fallbackName;
    JsonNode metadataName = root.path("metadata").path("name");
    JsonNode generateName = root.path("metadata").path("generateName");
    if (metadataName.isTextual() && !metadataName.asText().isBlank()) {
      name = metadataName.asText();
    } else if (generateName.isTextual() && !generateName.asText().isBlank()) {
      // A manifest meant for `kubectl create` of repeated sweeps: the API server adds a suffix;
      // locally the prefix, without its trailing '-', names the one run.
      name = generateName.asText().replaceAll("-+$", "");
    }
    JsonNode specNode = root.get("spec");
    if (specNode == null || specNode.isNull()) {
      throw new ManifestException("spec: is missing; a sweep needs spec.grid and spec.strategies.");
    }
    BenchmarkSweepSpec spec;
    try {
      spec = yaml.treeToValue(specNode, BenchmarkSweepSpec.class);
    } catch (JsonMappingException e) {
      throw new ManifestException(describe(e));
    } catch (JsonProcessingException e) {
      throw new ManifestException("spec: " + firstLine(e.getOriginalMessage()));
    }
    List<String> problems = validator.validate(spec);
    if (!problems.isEmpty()) {
      String more =
          problems.size() > 1
              ? " (" + (problems.size() - 1) + " more problem(s) after this one)"
              : "";
      throw new ManifestException(problems.get(0) + more);
    }
    return new SweepManifest(name, spec);
  }

  private static void expectText(JsonNode root, String field, String expected)
      throws ManifestException {
    JsonNode node = root.get(field);
    if (node == null || !expected.equals(node.asText())) {
      String got = node == null ? "missing" : "'" + node.asText() + "'";
      throw new ManifestException(field + ": " + got + "; expected '" + expected + "'.");
    }
  }

  private static String describe(JsonMappingException e) {
    String field = "spec" + pathOf(e.getPath());
    if (e instanceof UnrecognizedPropertyException u) {
      String known =
          u.getKnownPropertyIds() == null
              ? ""
              : u.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", "));
      return field + ": unknown field; allowed fields here are " + known + ".";
    }
    if (e instanceof InvalidFormatException f) {
      Class<?> target = f.getTargetType();
      String value = "'" + f.getValue() + "'";
      if (target != null && target.isEnum()) {
        return field
            + ": "
            + value
            + " is not allowed; allowed values are "
            + enumNames(target)
            + ".";
      }
      return field + ": " + value + " is not " + kindOf(target) + ".";
    }
    if (e instanceof MismatchedInputException m) {
      Class<?> target = m.getTargetType();
      List<JsonMappingException.Reference> path = m.getPath();
      // A scalar where an axis belongs fails in the axis's list form, as "not a list": name both.
      JsonMappingException.Reference last = path.isEmpty() ? null : path.get(path.size() - 1);
      if (last != null
          && last.getFrom() instanceof Grid
          && List.of("compute", "payloadBytes", "workers", "tasksPerCell")
              .contains(last.getFieldName())) {
        target = Axis.class;
      }
      return field + ": has the wrong shape; expected " + kindOf(target) + ".";
    }
    return field + ": " + firstLine(e.getOriginalMessage());
  }

  private static String enumNames(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants())
        .map(
            c -> {
              try {
                com.fasterxml.jackson.annotation.JsonProperty p =
                    enumType
                        .getField(((Enum<?>) c).name())
                        .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                return p != null ? p.value() : ((Enum<?>) c).name();
              } catch (NoSuchFieldException ex) {
                return ((Enum<?>) c).name();
              }
            })
        .collect(Collectors.joining(", "));
  }

  private static String kindOf(Class<?> target) {
    if (target == null) {
      return "a value of the right type";
    }
    if (target == Long.class
        || target == long.class
        || target == Integer.class
        || target == int.class) {
      return "a whole number";
    }
    if (target == Double.class || target == double.class) {
      return "a number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (target == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(target)) {
      return "a list";
    }
    if (target.isEnum()) {
      return "one of " + enumNames(target);
    }
    if (target == Axis.class) {
      return "a list of whole numbers or an object (values, or start, factor and steps)";
    }
    return "an object (" + target.getSimpleName().toLowerCase(Locale.ROOT) + ")";
  }

  private static String pathOf(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : refs) {
      if (ref.getFieldName() != null) {
        sb.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }
}
