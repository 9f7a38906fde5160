package io.gridbench.operator.validation;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.gridbench.api.v1alpha1.PlacementSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of {@code spec.placement} that the API server would otherwise enforce only when the
 * operator creates the Jobs (a refused Job would fail the sweep midway): label keys and values,
 * toleration operators and effects, affinity operators, weights and topology keys. Each problem is
 * one sentence naming the field and what is allowed.
 */
final class PlacementValidator {

  private static final String FIELD = "spec.placement";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Set<String> TOLERATION_OPERATORS = Set.of("Exists", "Equal");
  private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final Set<String> SET_OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");
  private static final Set<String> NODE_OPERATORS =
      Set.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");

  private PlacementValidator() {}

  /** Every problem of {@code placement}; empty when it is absent or fine. */
  static List<String> validate(PlacementSpec placement) {
    List<String> problems = new ArrayList<>();
    if (placement == null) {
      return problems;
    }
    if (placement.getNodeSelector() != null) {
      for (Map.Entry<String, String> e : placement.getNodeSelector().entrySet()) {
        String field = FIELD + ".nodeSelector['" + e.getKey() + "']";
        labelKey(field, e.getKey()).ifPresent(problems::add);
        labelValue(field, e.getValue()).ifPresent(problems::add);
      }
    }
    List<Toleration> tolerations = placement.getTolerations();
    if (tolerations != null) {
      for (int i = 0; i < tolerations.size(); i++) {
        toleration(FIELD + ".tolerations[" + i + "]", tolerations.get(i)).ifPresent(problems::add);
      }
    }
    if (placement.getAffinity() != null) {
      affinity(FIELD + ".affinity", placement.getAffinity(), problems);
    }
    return problems;
  }

  private static Optional<String> toleration(String field, Toleration t) {
    if (t == null) {
      return Optional.of(field + ": an empty entry; remove it or give it a key or an operator.");
    }
    String operator = blankToNull(t.getOperator());
    if (operator != null && !TOLERATION_OPERATORS.contains(operator)) {
      return Optional.of(
          field + ".operator: '" + operator + "' is not allowed; use Equal (default) or Exists.");
    }
    if (blankToNull(t.getEffect()) != null && !EFFECTS.contains(t.getEffect())) {
      return Optional.of(
          field
              + ".effect: '"
              + t.getEffect()
              + "' is not allowed; use NoSchedule, PreferNoSchedule or NoExecute, or leave it out"
              + " to match every effect.");
    }
    if ("Exists".equals(operator) && blankToNull(t.getValue()) != null) {
      return Optional.of(
          field + ".value: must be empty with operator Exists; remove it or use operator Equal.");
    }
    if (blankToNull(t.getKey()) == null && !"Exists".equals(operator)) {
      return Optional.of(
          field + ".key: an empty key matches every taint only with operator Exists; set both.");
    }
    if (blankToNull(t.getKey()) != null) {
      Optional<String> key = labelKey(field + ".key", t.getKey());
      if (key.isPresent()) {
        return key;
      }
    }
    if (t.getTolerationSeconds() != null && !"NoExecute".equals(t.getEffect())) {
      return Optional.of(
          field + ".tolerationSeconds: only allowed with effect NoExecute; set it or remove it.");
    }
    return Optional.empty();
  }

  private static void affinity(String field, Affinity affinity, List<String> problems) {
    var node = affinity.getNodeAffinity();
    if (node != null) {
      var required = node.getRequiredDuringSchedulingIgnoredDuringExecution();
      if (required != null) {
        String f = field + ".nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution";
        if (required.getNodeSelectorTerms() == null || required.getNodeSelectorTerms().isEmpty()) {
          problems.add(f + ".nodeSelectorTerms: give at least one term.");
        } else {
          for (int i = 0; i < required.getNodeSelectorTerms().size(); i++) {
            nodeTerm(
                f + ".nodeSelectorTerms[" + i + "]",
                required.getNodeSelectorTerms().get(i),
                problems);
          }
        }
      }
      var preferred = node.getPreferredDuringSchedulingIgnoredDuringExecution();
      if (preferred != null) {
        for (int i = 0; i < preferred.size(); i++) {
          String f =
              field + ".nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
          weight(f, preferred.get(i).getWeight()).ifPresent(problems::add);
          if (preferred.get(i).getPreference() == null) {
            problems.add(f + ".preference: required.");
          } else {
            nodeTerm(f + ".preference", preferred.get(i).getPreference(), problems);
          }
        }
      }
    }
    if (affinity.getPodAffinity() != null) {
      podTerms(
          field + ".podAffinity",
          affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(),
          affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(),
          problems);
    }
    if (affinity.getPodAntiAffinity() != null) {
      podTerms(
          field + ".podAntiAffinity",
          affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(),
          affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(),
          problems);
    }
  }

  private static void nodeTerm(String field, NodeSelectorTerm term, List<String> problems) {
    if (term == null) {
      problems.add(field + ": an empty term; give matchExpressions or matchFields.");
      return;
    }
    requirements(field + ".matchExpressions", term.getMatchExpressions(), problems);
    requirements(field + ".matchFields", term.getMatchFields(), problems);
  }

  private static void requirements(
      String field, List<NodeSelectorRequirement> requirements, List<String> problems) {
    if (requirements == null) {
      return;
    }
    for (int i = 0; i < requirements.size(); i++) {
      NodeSelectorRequirement r = requirements.get(i);
      String f = field + "[" + i + "]";
      if (r == null || r.getKey() == null) {
        problems.add(f + ".key: required.");
        continue;
      }
      labelKey(f + ".key", r.getKey()).ifPresent(problems::add);
      operatorValues(f, r.getOperator(), r.getValues(), NODE_OPERATORS).ifPresent(problems::add);
    }
  }

  private static void podTerms(
      String field,
      List<PodAffinityTerm> required,
      List<WeightedPodAffinityTerm> preferred,
      List<String> problems) {
    if (required != null) {
      for (int i = 0; i < required.size(); i++) {
        podTerm(
            field + ".requiredDuringSchedulingIgnoredDuringExecution[" + i + "]",
            required.get(i),
            problems);
      }
    }
    if (preferred != null) {
      for (int i = 0; i < preferred.size(); i++) {
        String f = field + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
        weight(f, preferred.get(i).getWeight()).ifPresent(problems::add);
        podTerm(f + ".podAffinityTerm", preferred.get(i).getPodAffinityTerm(), problems);
      }
    }
  }

  private static void podTerm(String field, PodAffinityTerm term, List<String> problems) {
    if (term == null || blankToNull(term.getTopologyKey()) == null) {
      problems.add(
          field
              + ".topologyKey: required, e.g. kubernetes.io/hostname (the same node) or"
              + " topology.kubernetes.io/zone.");
      return;
    }
    labelKey(field + ".topologyKey", term.getTopologyKey()).ifPresent(problems::add);
    LabelSelector selector = term.getLabelSelector();
    if (selector == null) {
      return;
    }
    if (selector.getMatchLabels() != null) {
      selector
          .getMatchLabels()
          .forEach(
              (k, v) -> {
                String f = field + ".labelSelector.matchLabels['" + k + "']";
                labelKey(f, k).ifPresent(problems::add);
                labelValue(f, v).ifPresent(problems::add);
              });
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    if (expressions != null) {
      for (int i = 0; i < expressions.size(); i++) {
        LabelSelectorRequirement r = expressions.get(i);
        String f = field + ".labelSelector.matchExpressions[" + i + "]";
        if (r == null || r.getKey() == null) {
          problems.add(f + ".key: required.");
          continue;
        }
        labelKey(f + ".key", r.getKey()).ifPresent(problems::add);
        operatorValues(f, r.getOperator(), r.getValues(), SET_OPERATORS).ifPresent(problems::add);
      }
    }
  }

  private static Optional<String> operatorValues(
      String field, String operator, List<String> values, Set<String> allowed) {
    if (operator == null || !allowed.contains(operator)) {
      return Optional.of(
          field
              + ".operator: '"
              + operator
              + "' is not allowed; use one of "
              + String.join(", ", allowed.stream().sorted().toList())
              + ".");
    }
    int n = values == null ? 0 : values.size();
    return switch (operator) {
      case "In", "NotIn" ->
          n == 0
              ? Optional.of(field + ".values: operator " + operator + " needs at least one value.")
              : Optional.empty();
      case "Exists", "DoesNotExist" ->
          n > 0
              ? Optional.of(field + ".values: operator " + operator + " takes no values.")
              : Optional.empty();
      default ->
          n != 1 || !values.get(0).matches("-?[0-9]{1,18}")
              ? Optional.of(
                  field + ".values: operator " + operator + " needs exactly one whole number.")
              : Optional.empty();
    };
  }

  private static Optional<String> weight(String field, Integer weight) {
    if (weight != null && weight >= 1 && weight <= 100) {
      return Optional.empty();
    }
    return Optional.of(field + ".weight: " + weight + " is outside 1 to 100.");
  }

  /** A label key: an optional DNS subdomain prefix and '/', then a name of at most 63. */
  private static Optional<String> labelKey(String field, String key) {
    String prefix = null;
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
    }
    boolean ok =
        name.length() <= 63
            && NAME.matcher(name).matches()
            && (prefix == null
                || (prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches()));
    return ok
        ? Optional.empty()
        : Optional.of(
            field
                + ": '"
                + key
                + "' is not a label key; write an optional DNS prefix and '/', then at most 63"
                + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit.");
  }

  private static Optional<String> labelValue(String field, String value) {
    boolean ok =
        value == null || value.isEmpty() || (value.length() <= 63 && NAME.matcher(value).matches());
    return ok
        ? Optional.empty()
        : Optional.of(
            field
                + ": the value '"
                + value
                + "' is not a label value; at most 63 letters, digits, '-', '_' or '.', starting"
                + " and ending with a letter or digit.");
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
