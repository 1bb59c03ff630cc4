package dev.wirewatch.app.config;

import java.util.Objects;

/**
 * One configuration key: its name (as written in YAML, dotted), its default and a one-line description.
 * The README's configuration table is generated from these definitions.
 *
 * @param secret values of secret keys are never printed or logged
 */
public record Setting(String key, String defaultValue, String doc, boolean secret) {

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(doc, "doc");
  }

  /** The environment variable that overrides this key, e.g. WIREWATCH_STORAGE_URL for storage.url. */
  public String environmentVariable() {
    return "WIREWATCH_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
