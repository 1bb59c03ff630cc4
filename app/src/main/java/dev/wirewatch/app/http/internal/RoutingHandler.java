package dev.wirewatch.app.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.app.http.HttpRequest;
import dev.wirewatch.app.http.Reply;
import dev.wirewatch.schema.json.AvroJson;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jetty's side of the endpoint: finds the route of a request and writes its reply. */
public final class RoutingHandler extends Handler.Abstract.NonBlocking {

  private static final Logger log = LoggerFactory.getLogger(RoutingHandler.class);

  private final RouteTable routes;

  public RoutingHandler(RouteTable routes) {
    this.routes = routes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    Reply reply;
    if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      reply = error(405, "method " + method + " not allowed; use GET");
    } else {
      Optional<RouteTable.Match> match = routes.find(path);
      if (match.isEmpty()) {
        reply = error(404, "no such path: " + path);
      } else {
        reply = answer(match.get(), new HttpRequest(path, match.get().rest(), query(request)));
      }
    }
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, HttpMethod.HEAD.is(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(reply.body()), callback);
    return true;
  }

  private static Reply answer(RouteTable.Match match, HttpRequest request) {
    try {
      return match.route().handle(request);
    } catch (Exception e) {
      // The message may hold anything (a JDBC URL, a host name): it goes to the log, not to the client.
      log.warn("HTTP route {} failed: {}", request.path(), e.toString());
      return error(500, "internal error; see the process log");
    }
  }

  private static Map<String, List<String>> query(Request request) {
    Fields fields = Request.extractQueryParameters(request);
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (Fields.Field field : fields) {
      query.put(field.getName(), new ArrayList<>(field.getValues()));
    }
    return query;
  }

  /** The JSON error body every wirewatch HTTP answer uses: {@code {"error": "..."}}. */
  public static Reply error(int status, String message) {
    ObjectNode body = AvroJson.MAPPER.createObjectNode().put("error", message);
    return Reply.json(status, body.toString());
  }
}
