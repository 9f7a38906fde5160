package io.gridbench.api.validation;

import io.gridbench.api.v1alpha1.StrategyType;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Wording about the allowed strategy types, shared by validation and manifest parsing. */
final class StrategyTypes {
  private StrategyTypes() {}

  static String allowedSentence() {
    return "allowed types are "
        + Arrays.stream(StrategyType.values()).map(Enum::name).collect(Collectors.joining(", "))
        + ".";
  }
}
