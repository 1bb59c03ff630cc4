package dev.wirewatch.app.cli;

import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.ingest.ArticleExtractor;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wirewatch version}: the build, the classifier version stamped on records, the extractor versions. */
@Command(name = "version", description = "Print the wirewatch, classifier and extractor versions.")
final class VersionCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    for (String line : lines()) {
      spec.commandLine().getOut().println(line);
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
