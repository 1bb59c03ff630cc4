package dev.wirewatch.classify.streams.internal;

import dev.wirewatch.schema.topic.DlqHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Kafka's log-and-continue deserialization handler, whose dead-letter records (KIP-1034: original key and value,
 * topic/partition/offset and exception in headers) also name the stage.
 */
public final class DlqDeserializationHandler extends LogAndContinueExceptionHandler {

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    Response response = super.handleError(context, record, exception);
    for (ProducerRecord<byte[], byte[]> dlq : response.deadLetterQueueRecords()) {
      dlq.headers().add(DlqHeaders.STAGE, "classify".getBytes(StandardCharsets.UTF_8));
    }
    return response;
  }
}
