package io.gridbench.operator.dependent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.LinkedHashMap;

/**
 * KubeRay's {@code RayCluster} (ray.io/v1) as a typed resource whose spec and status stay maps: the
 * type carries group, version and plural, so JOSDK can make its informer without asking discovery
 * (JOSDK 5.2.3 builds an untyped informer through discovery, which fails where KubeRay is not
 * installed). The content is {@link RayClusterTemplate}'s.
 */
@Group("ray.io")
@Version("v1")
@Kind(RayClusterTemplate.KIND)
@Plural("rayclusters")
public class RayCluster
    extends CustomResource<LinkedHashMap<String, Object>, LinkedHashMap<String, Object>>
    implements Namespaced {

  /** {@code untyped} as this type. */
  public static RayCluster of(GenericKubernetesResource untyped) {
    return Serialization.jsonMapper().convertValue(untyped, RayCluster.class);
  }

  /** This cluster as an untyped resource, as the readiness checks read it. */
  public GenericKubernetesResource untyped() {
    return Serialization.jsonMapper().convertValue(this, GenericKubernetesResource.class);
  }
}
