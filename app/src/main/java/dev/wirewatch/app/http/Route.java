package dev.wirewatch.app.http;

/** What one path of the {@link HttpEndpoint} answers. Called on the server's threads, possibly concurrently. */
@FunctionalInterface
public interface Route {

  /**
   * @param request the GET request
   * @return the whole reply; an exception becomes a 500 whose body names no detail (details go to the log only)
   */
  Reply handle(HttpRequest request) throws Exception;
}
