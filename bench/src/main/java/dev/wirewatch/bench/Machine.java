package dev.wirewatch.bench;

import java.lang.management.ManagementFactory;

/** One line naming the machine a figure was measured on, printed with every benchmark result. */
final class Machine {

  private Machine() {
  }

  static String describe() {
    Runtime rt = Runtime.getRuntime();
    return String.format("machine: %d cores, %d MiB max heap, %s %s, Java %s (%s)",
        rt.availableProcessors(), rt.maxMemory() / (1024 * 1024),
        System.getProperty("os.name"), System.getProperty("os.arch"),
        System.getProperty("java.version"), ManagementFactory.getRuntimeMXBean().getVmName());
  }
}
