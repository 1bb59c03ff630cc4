package dev.wirewatch.classify.streams.internal;

import dev.wirewatch.schema.topic.DlqHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka's log-and-continue processing handler (a record that makes the classifier throw is skipped, the app keeps
 * running), whose dead-letter records also name the stage.
 */
public final class DlqProcessingHandler extends LogAndContinueProcessingExceptionHandler {

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    Response response = super.handleError(context, record, exception);
    for (ProducerRecord<byte[], byte[]> dlq : response.deadLetterQueueRecords()) {
      dlq.headers().add(DlqHeaders.STAGE, "classify".getBytes(StandardCharsets.UTF_8));
    }
    return response;
  }
}
