package dev.wirewatch.app.ops;

import java.util.Objects;

/**
 * The state of one health check.
 *
 * @param name what is checked, e.g. {@code broker}
 * @param up true when it passes
 * @param detail one line saying why (never a secret: details pass through {@link Redactor})
 */
public record Check(String name, boolean up, String detail) {

  public Check {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
  }

  public static Check up(String name, String detail) {
    return new Check(name, true, detail);
  }

  public static Check down(String name, String detail) {
    return new Check(name, false, detail);
  }
}
