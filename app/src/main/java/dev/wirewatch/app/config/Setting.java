package dev.wirewatch.app.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One configuration key: its name (as written in YAML, dotted), its type with the values it allows, its
 * default and a one-line description. The README's configuration table and the validation of every
 * configuration are derived from these definitions.
 *
 * @param type parses and checks the key's text; its limits are the stages' limits
 * @param defaultValue the default as written in YAML (it must satisfy {@code type})
 * @param secret values of secret keys are never printed or logged
 * @param <T> the value's Java type
 */
public record Setting<T>(String key, SettingType<T> type, String defaultValue, String doc, boolean secret) {

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(doc, "doc");
  }

  /** A setting that is not secret. */
  public Setting(String key, SettingType<T> type, String defaultValue, String doc) {
    this(key, type, defaultValue, doc, false);
  }

  /**
   * The value of {@code text} for this key.
   *
   * @param where where the text came from, for the message ("config file wirewatch.yaml")
   * @throws ConfigException one line naming the key, the value (masked when secret), where it came from and
   *     what is allowed
   */
  public T parse(String text, String where) {
    try {
      return type.parse(text == null ? "" : text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(rejection(key, secret ? "******" : text, where, type.allowed()));
    }
  }

  /** The one-line message for a value that is not allowed. */
  static String rejection(String key, String value, String where, String allowed) {
    String shown = value == null ? "" : value.length() > 80 ? value.substring(0, 80) + "..." : value;
    shown = shown.replaceAll("[\\p{Cntrl}]", "?");
    return key + " = '" + shown + "'" + (where == null ? "" : " (" + where + ")") + " is not allowed: must be " + allowed;
  }

  /** The environment variable that overrides this key, e.g. WIREWATCH_STORAGE_URL for storage.url. */
  public String environmentVariable() {
    return "WIREWATCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
