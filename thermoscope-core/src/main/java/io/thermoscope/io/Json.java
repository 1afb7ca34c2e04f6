package io.thermoscope.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermoscope.InvalidInputException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one JSON configuration of Thermoscope: pretty-printed, records as objects, and non-finite doubles
 * written as the strings {@code "Infinity"}, {@code "-Infinity"}, {@code "NaN"} (JSON has no such numbers).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {
    }

    /** The shared mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A fresh empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Serialises {@code value} (a record, map or node) to indented JSON text ending with a newline. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** Converts a record, map or array into a tree node (an {@code ObjectNode} for records and maps). */
    public static <N extends com.fasterxml.jackson.databind.JsonNode> N toNode(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Converts a record or map into an object node, so that keys (such as {@code provenance}) can be added. */
    public static ObjectNode toObject(Object value) {
        com.fasterxml.jackson.databind.JsonNode n = MAPPER.valueToTree(value);
        if (n instanceof ObjectNode o) return o;
        throw new IllegalArgumentException(value.getClass().getName() + " does not serialise to a JSON object");
    }

    /** Atomically writes {@code value} as JSON to {@code path}. */
    public static void write(Path path, Object value) {
        AtomicFiles.writeString(path, toJson(value));
    }

    /** Returns {@code result} as an object node with {@code provenance} appended. */
    public static ObjectNode withProvenance(Object result, Provenance provenance) {
        ObjectNode node = toNode(result);
        node.set("provenance", MAPPER.valueToTree(provenance));
        return node;
    }

    /**
     * Reads back a JSON object written by {@link #withProvenance} as {@code type}, the provenance dropped; an unreadable
     * file or one of another shape is bad input (one line).
     */
    public static <T> T readWithoutProvenance(Path file, Class<T> type) {
        try {
            ObjectNode n = (ObjectNode) MAPPER.readTree(file.toFile());
            n.remove("provenance");
            return MAPPER.treeToValue(n, type);
        } catch (IOException | ClassCastException e) {
            throw new InvalidInputException("cannot read " + file + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
