package dev.wirewatch.app.ops;

import dev.wirewatch.app.config.WirewatchConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Replaces every configured secret value (database password, SASL/JAAS settings...) in a text by {@code ******}. */
public final class Redactor {

  private static final String MASK = "******";

  private final List<String> secrets;

  public Redactor(List<String> secretValues) {
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = secretValues.stream().filter(Objects::nonNull).filter(s -> !s.isBlank())
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** Every value the configuration treats as secret (those {@link WirewatchConfig#describe()} masks). */
  public static Redactor of(WirewatchConfig config) {
    List<String> values = new ArrayList<>();
    config.describe().forEach((key, shown) -> {
      if (shown.equals(MASK)) {
        values.add(config.get(key));
      }
    });
    return new Redactor(values);
  }

  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }
}
