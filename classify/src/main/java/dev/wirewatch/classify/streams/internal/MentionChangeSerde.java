package dev.wirewatch.classify.streams.internal;

import dev.wirewatch.schema.DialogueMention;
import dev.wirewatch.schema.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Wire form of {@link MentionChange} on the internal repartition topic: one tag byte, then either the
 * {@code DialogueMention} in Avro single-object encoding (tag 1, join) or the articleId in UTF-8 (tag 0, leave).
 */
public final class MentionChangeSerde implements Serde<MentionChange>, Serializer<MentionChange>, Deserializer<MentionChange> {

  private static final byte LEAVE = 0;
  private static final byte JOIN = 1;

  private final AvroSerde<DialogueMention> mentions = AvroSerde.of(DialogueMention.class);

  @Override
  public byte[] serialize(String topic, MentionChange change) {
    if (change == null) {
      return null;
    }
    byte[] body = change.mention() == null
        ? change.articleId().getBytes(StandardCharsets.UTF_8)
        : mentions.serialize(topic, change.mention());
    return ByteBuffer.allocate(body.length + 1).put(change.mention() == null ? LEAVE : JOIN).put(body).array();
  }

  @Override
  public MentionChange deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < 1 || (data[0] != LEAVE && data[0] != JOIN)) {
      throw new SerializationException("not a mention change on topic " + topic + " (" + data.length + " bytes)");
    }
    byte[] body = Arrays.copyOfRange(data, 1, data.length);
    if (data[0] == LEAVE) {
      return new MentionChange(new String(body, StandardCharsets.UTF_8), null);
    }
    DialogueMention m = mentions.deserialize(topic, body);
    return new MentionChange(m.getArticleId(), m);
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    // Nothing to configure: the Avro schema is compiled in.
  }

  @Override
  public void close() {
    // Holds no resources.
  }

  @Override
  public Serializer<MentionChange> serializer() {
    return this;
  }

  @Override
  public Deserializer<MentionChange> deserializer() {
    return this;
  }
}
