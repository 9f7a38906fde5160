package io.gridbench.runner.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.api.results.MachineState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineStateSamplerTest {

  @TempDir Path root;

  private void write(String path, String text) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text + "\n");
  }

  @Test
  void readsFrequencyThrottlingAndTemperaturesFromSysfs() throws Exception {
    write("sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq", "2000000");
    write("sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq", "3000000");
    write("sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count", "4");
    write("sys/devices/system/cpu/cpu0/thermal_throttle/package_throttle_count", "1");
    write("sys/class/thermal/thermal_zone0/type", "x86_pkg_temp");
    write("sys/class/thermal/thermal_zone0/temp", "61500");
    write("sys/class/thermal/thermal_zone1/type", "acpitz");
    write("sys/class/thermal/thermal_zone1/temp", "40000");
    MachineStateSampler sampler = new MachineStateSampler(root);

    Long before = sampler.throttleCount();
    assertThat(before).isEqualTo(5);
    write("sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count", "7");
    MachineState state = sampler.stateSince(before);

    assertThat(state.cpuMhz()).isEqualTo(2500.0);
    assertThat(state.throttleEvents()).isEqualTo(3);
    assertThat(state.temperaturesCelsius())
        .containsEntry("x86_pkg_temp", 61.5)
        .containsEntry("acpitz", 40.0);
  }

  @Test
  void fallsBackToProcCpuinfoForFrequency() throws Exception {
    write(
        "proc/cpuinfo",
        "processor : 0\ncpu MHz\t\t: 2400.000\nprocessor : 1\ncpu MHz\t\t: 2600.000");
    MachineState state = new MachineStateSampler(root).stateSince(null);
    assertThat(state.cpuMhz()).isEqualTo(2500.0);
    assertThat(state.throttleEvents()).as("absent, not zero").isNull();
    assertThat(state.temperaturesCelsius()).as("absent, not empty").isNull();
  }

  @Test
  void reportsNothingWhereNothingIsExposed() {
    MachineState state = new MachineStateSampler(root).stateSince(null);
    assertThat(state.cpuMhz()).isNull();
    assertThat(state.throttleEvents()).isNull();
    assertThat(state.temperaturesCelsius()).isNull();
  }
}
