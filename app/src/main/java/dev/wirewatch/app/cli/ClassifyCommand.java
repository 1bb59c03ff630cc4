package dev.wirewatch.app.cli;

import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.classify.BadInputException;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.classify.OfflineClassify;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
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
    try (BufferedReader in = openInput(input); Writer out = openOutput(output)) {
      OfflineClassify.run(in, out, DialogueClassifier.standard());
    }
    return Main.OK;
  }

  static BufferedReader openInput(String path) {
    if (path.equals("-")) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    try {
      return Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError("cannot read input file " + path + ": no such file");
    } catch (IOException e) {
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
