package dev.wirewatch.app.cli;

import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.classify.BadInputException;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.classify.OfflineClassify;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirewatch classify}: the Streams application's classifier over JSON Lines, offline. */
@Command(name = "classify", description = "Classify articles offline: JSON Lines in (as extract prints), one verdict per line out.")
final class ClassifyCommand extends ConfiguredCommand {

  @Option(names = "--input", required = true, paramLabel = "F", description = "JSON Lines file of articles; - for standard input.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "F", description = "File for the verdicts; - for standard output.")
  String output;

  @Override
  int run(WirewatchConfig config) throws IOException, BadInputException {
    try (InputStream in = openInput(input); Writer out = openOutput(output)) {
      OfflineClassify.run(in, input.equals("-") ? "standard input" : input, out, DialogueClassifier.standard());
    }
    return Main.OK;
  }

  static InputStream openInput(String path) {
    if (path.equals("-")) {
      return new FilterInputStream(System.in) {
        @Override
        public void close() {
          // standard input stays open for the rest of the process
        }
      };
    }
    try {
      if (Files.isDirectory(Path.of(path))) {
        throw new UserError("cannot read input file " + path + ": it is a directory");
      }
      return Files.newInputStream(Path.of(path));
    } catch (NoSuchFileException e) {
      throw new UserError("cannot read input file " + path + ": no such file");
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new UserError("cannot read input file " + path + ": " + e.getMessage(), e);
    }
  }

  private Writer openOutput(String path) {
    if (path.equals("-")) {
      return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
        @Override
        public void close() throws IOException {
          flush(); // standard output stays open for the rest of the process
        }
      };
    }
    try {
      return Files.newBufferedWriter(Path.of(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError("cannot write output file " + path + ": " + e.getMessage(), e);
    }
  }
}
