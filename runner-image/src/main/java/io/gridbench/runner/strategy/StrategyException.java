package io.gridbench.runner.strategy;

/** A strategy could not finish a cell; the message names the cell and the cause. */
public class StrategyException extends Exception {
  public StrategyException(String message) {
    super(message);
  }

  public StrategyException(String message, Throwable cause) {
    super(message, cause);
  }
}
