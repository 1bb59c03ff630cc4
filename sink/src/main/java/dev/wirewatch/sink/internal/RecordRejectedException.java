package dev.wirewatch.sink.internal;

/** The database refused one record for its values (a constraint or data error); retrying cannot help. */
public final class RecordRejectedException extends Exception {

  private final transient Change change;

  public RecordRejectedException(Change change, Exception cause) {
    super("database rejected event " + change.eventId() + " from " + change.partition() + "@" + change.offset()
        + ": " + cause.getMessage(), cause);
    this.change = change;
  }

  public Change change() {
    return change;
  }
}
