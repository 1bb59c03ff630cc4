package dev.wirewatch.app.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.app.http.Reply;
import dev.wirewatch.schema.json.AvroJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Named checks, each answering up or down with a reason, rendered as the JSON of {@code /health/live} and
 * {@code /health/ready}: {@code {"status": "UP"|"DOWN", "checks": [{"name", "status", "detail"}], "failing": [...]}},
 * HTTP 200 when every check is up, 503 naming the failing ones otherwise.
 */
public final class HealthChecks {

  private final Map<String, Supplier<Check>> checks = new LinkedHashMap<>();
  private final Redactor redactor;

  public HealthChecks(Redactor redactor) {
    this.redactor = redactor;
  }

  public synchronized HealthChecks add(String name, Supplier<Check> check) {
    checks.put(name, check);
    return this;
  }

  /** Runs every check now. */
  public List<Check> run() {
    List<Map.Entry<String, Supplier<Check>>> all;
    synchronized (this) {
      all = new ArrayList<>(checks.entrySet());
    }
    List<Check> results = new ArrayList<>();
    for (Map.Entry<String, Supplier<Check>> e : all) {
      Check result;
      try {
        result = e.getValue().get();
      } catch (RuntimeException ex) {
        result = Check.down(e.getKey(), "check failed: " + ex.getClass().getSimpleName());
      }
      results.add(new Check(e.getKey(), result.up(), redactor.redact(result.detail())));
    }
    return results;
  }

  public Reply reply() {
    List<Check> results = run();
    ObjectNode body = AvroJson.MAPPER.createObjectNode();
    boolean up = results.stream().allMatch(Check::up);
    body.put("status", up ? "UP" : "DOWN");
    ArrayNode list = body.putArray("checks");
    ArrayNode failing = body.putArray("failing");
    for (Check c : results) {
      list.addObject().put("name", c.name()).put("status", c.up() ? "UP" : "DOWN").put("detail", c.detail());
      if (!c.up()) {
        failing.add(c.name());
      }
    }
    return Reply.json(up ? 200 : 503, body.toString());
  }
}
