package io.gridbench.api.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What the machine looked like while a cell ran, where the machine lets us read it. A source that
 * is absent is null, never zero.
 *
 * @param cpuMhz mean current frequency over all CPUs at the end of the cell
 * @param throttleEvents thermal throttle events (core + package) counted during the cell
 * @param temperaturesCelsius thermal zone type to temperature at the end of the cell
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MachineState(
    Double cpuMhz, Long throttleEvents, Map<String, Double> temperaturesCelsius) {}
