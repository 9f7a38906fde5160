package io.gridbench.api.manifest;

/** A manifest that cannot be used, with a one-line message naming the field and what is allowed. */
public class ManifestException extends Exception {
  public ManifestException(String message) {
    super(message);
  }
}
