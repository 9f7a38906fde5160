package io.gridbench.runner.strategy.python;

/** Where a provider gets the interpreter of its Python strategies, asked when one is created. */
@FunctionalInterface
public interface PythonSource {
  PythonInterpreter interpreter() throws PythonUnavailableException;
}
