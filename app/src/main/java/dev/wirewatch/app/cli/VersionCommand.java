package dev.wirewatch.app.cli;

import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.ingest.ArticleExtractor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wirewatch version}: the build, the classifier version stamped on records, the extractor versions. */
@Command(name = "version", description = "Print the wirewatch, classifier and extractor versions.")
final class VersionCommand extends ConfiguredCommand {

  @Override
  int run(WirewatchConfig config) {
    for (String line : lines()) {
      out().println(line);
    }
    return Main.OK;
  }

  static String[] lines() {
    String build = VersionCommand.class.getPackage().getImplementationVersion();
    return new String[] {
        "wirewatch " + (build == null ? "development build" : build),
        "classifierVersion " + DialogueClassifier.standard().version(),
        "extractors " + String.join(" ", ArticleExtractor.profileVersions())
    };
  }

  /** Lets {@code wirewatch --version} print the same. */
  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return lines();
    }
  }
}
