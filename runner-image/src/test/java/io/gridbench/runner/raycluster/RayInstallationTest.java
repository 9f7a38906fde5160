package io.gridbench.runner.raycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the runner finds the Ray installation whose jars drive a cluster. The interpreters here are
 * shell scripts answering the probe as a Python with (or without) the {@code ray} package would:
 * the search logic is under test, not Ray.
 */
class RayInstallationTest {
  @TempDir Path tmp;

  /** A site-packages with ray/jars/ray_dist.jar and ray-VERSION.dist-info. */
  private Path sitePackages(String version) throws Exception {
    Path site = tmp.resolve("site-" + version);
    Files.createDirectories(site.resolve("ray/jars"));
    Files.write(site.resolve("ray/jars/ray_dist.jar"), new byte[] {1});
    Files.createDirectories(site.resolve("ray-" + version + ".dist-info"));
    return site;
  }

  /** An executable that answers the probe like a Python whose ray is at {@code site}. */
  private Path python(String dir, String version, Path site) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve(dir));
    Path python = bin.resolve("python3");
    String body =
        site == null
            ? "echo \"ModuleNotFoundError: No module named 'ray'\" >&2; exit 1"
            : "echo " + version + "; echo " + site.resolve("ray");
    Files.writeString(python, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
    return python;
  }

  @Test
  void anExplicitPythonIsAskedForItsRayPackageAndJar() throws Exception {
    Path site = sitePackages("2.58.0");
    Path python = python("venv/bin", "2.58.0", site);

    RayInstallation ray = RayInstallation.find(Optional.of(python), Map.of());

    assertThat(ray.version()).isEqualTo("2.58.0");
    assertThat(ray.distJar()).isEqualTo(site.resolve("ray/jars/ray_dist.jar"));
    assertThat(ray.python()).contains(python);
  }

  @Test
  void thePythonBesideRayOnThePathComesBeforeThePlainPython3() throws Exception {
    Path plain = python("usr/bin", null, null);
    Path venv = python("venv/bin", "2.58.0", sitePackages("2.58.0"));
    Files.createFile(venv.resolveSibling("ray")).toFile().setExecutable(true);
    String path = plain.getParent() + ":" + venv.getParent();

    assertThat(RayInstallation.candidates(Optional.empty(), Map.of("PATH", path)))
        .containsExactly(venv, plain);
    assertThat(RayInstallation.find(Optional.empty(), Map.of("PATH", path)).python())
        .contains(venv);
  }

  @Test
  void nothingUsableIsOneLineNamingEachPlaceAndWhatItHeld() throws Exception {
    Path noRay = python("usr/bin", null, null);
    Path site = sitePackages("2.57.0");
    Files.delete(site.resolve("ray/jars/ray_dist.jar"));
    Path noJar = python("old/bin", "2.57.0", site);
    Files.createFile(noJar.resolveSibling("ray")).toFile().setExecutable(true);
    String path = noRay.getParent() + ":" + noJar.getParent();

    assertThatThrownBy(() -> RayInstallation.find(Optional.empty(), Map.of("PATH", path)))
        .isInstanceOf(RayUnavailableException.class)
        .hasMessageStartingWith("no usable Ray installation: looked for ray_dist.jar")
        .hasMessageContaining(noJar + " (ray 2.57.0 without jars/ray_dist.jar)")
        .hasMessageContaining(noRay + " (no 'ray' package)")
        .hasMessageContaining("pip install ray==2.58.0")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aJarsDirectoryFromTheEnvironmentServesADriverButCannotStartANode() throws Exception {
    Path site = sitePackages("2.58.0");

    RayInstallation ray =
        RayInstallation.find(
            Optional.empty(),
            Map.of(RayInstallation.JARS_ENV, site.resolve("ray/jars").toString()));

    assertThat(ray.version()).isEqualTo("2.58.0");
    assertThat(ray.distJar()).isEqualTo(site.resolve("ray/jars/ray_dist.jar"));
    assertThatThrownBy(ray::requirePython)
        .isInstanceOf(RayUnavailableException.class)
        .hasMessageContaining("starting a Ray node needs the 'ray' Python package");
  }

  @Test
  void aJarsDirectoryWithoutTheJarIsNamed() {
    assertThatThrownBy(
            () ->
                RayInstallation.find(
                    Optional.empty(), Map.of(RayInstallation.JARS_ENV, tmp.toString())))
        .isInstanceOf(RayUnavailableException.class)
        .hasMessage(
            "$GRIDBENCH_RAY_JARS="
                + tmp
                + " holds no ray_dist.jar; name the 'ray' package's jars directory, e.g."
                + " .../site-packages/ray/jars.");
  }
}
