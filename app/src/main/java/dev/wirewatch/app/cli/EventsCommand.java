package dev.wirewatch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.app.HealthFile;
import dev.wirewatch.app.Stages;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.sink.EventQuery;
import dev.wirewatch.sink.EventStore;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirewatch events}: the stored dialogue events, filtered, as a table, JSON Lines or CSV. */
@Command(name = "events", description = "List stored dialogue events.")
final class EventsCommand extends ConfiguredCommand {

  enum Format { table, json, csv }

  @Option(names = "--since", paramLabel = "D", description = "Only events starting on or after this date (YYYY-MM-DD).")
  String since;

  @Option(names = "--until", paramLabel = "D", description = "Only events starting on or before this date (YYYY-MM-DD).")
  String until;

  @Option(names = "--counterpart", paramLabel = "C", description = "Only events with this counterpart code (EU, US, CH, AFRICAN_UNION...).")
  String counterpart;

  @Option(names = "--status", paramLabel = "S", description = "Only events with this status (HELD, ANNOUNCED, POSTPONED, CANCELLED, SUSPENDED).")
  String status;

  @Option(names = "--format", paramLabel = "F", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  int run(WirewatchConfig config) {
    EventQuery query = new EventQuery(date(since, "--since"), date(until, "--until"),
        counterpart == null ? null : counterpart.toUpperCase(Locale.ROOT),
        status == null ? null : status.toUpperCase(Locale.ROOT));
    List<ObjectNode> events;
    try (EventStore store = EventStore.open(Stages.sinkSettings(config))) {
      events = store.query(query);
    }
    HealthFile.sinkWarning(config.dataDir()).ifPresent(w -> err().println("wirewatch: note: " + w));
    PrintWriter out = out();
    switch (format) {
      case json -> events.forEach(out::println);
      case csv -> printCsv(events, out);
      default -> printTable(events, out);
    }
    out.flush();
    return Main.OK;
  }

  private static LocalDate date(String text, String flag) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UserError(flag + " must be a date YYYY-MM-DD, was '" + text + "'");
    }
  }

  private static final String[] COLUMNS = {"eventId", "status", "counterparts", "round", "startDate", "endDate", "city", "coChairs", "mentions"};

  private static List<String> row(ObjectNode e) {
    List<String> cells = new ArrayList<>();
    cells.add(e.path("eventId").asText());
    cells.add(e.path("status").asText());
    cells.add(join(e.path("counterparts"), null));
    cells.add(e.path("round").isNull() || e.path("round").isMissingNode() ? "" : e.path("round").asText());
    cells.add(text(e.path("startDate")));
    cells.add(text(e.path("endDate")));
    cells.add(text(e.path("location").path("city")));
    cells.add(join(e.path("coChairs"), "name"));
    cells.add(Integer.toString(e.path("mentions").size()));
    return cells;
  }

  private static void printTable(List<ObjectNode> events, PrintWriter out) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of(COLUMNS));
    events.forEach(e -> rows.add(row(e)));
    int[] widths = new int[COLUMNS.length];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        widths[i] = Math.max(widths[i], Math.min(r.get(i).length(), 48));
      }
    }
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        String cell = r.get(i).length() > 48 ? r.get(i).substring(0, 45) + "..." : r.get(i);
        line.append(String.format("%-" + widths[i] + "s", cell)).append(i + 1 < r.size() ? "  " : "");
      }
      out.println(line.toString().stripTrailing());
    }
    out.println("(" + events.size() + " event" + (events.size() == 1 ? "" : "s") + ")");
  }

  private static void printCsv(List<ObjectNode> events, PrintWriter out) {
    out.println(String.join(",", COLUMNS));
    for (ObjectNode e : events) {
      out.println(String.join(",", row(e).stream().map(EventsCommand::csvCell).toList()));
    }
  }

  private static String csvCell(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? "" : node.asText();
  }

  private static String join(JsonNode array, String field) {
    List<String> parts = new ArrayList<>();
    array.forEach(n -> parts.add(field == null ? n.asText() : n.path(field).asText()));
    return String.join(";", parts);
  }
}
