package xtremweb.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import xtremweb.common.json.Json;
import xtremweb.server.refusal.InvalidInput;

/**
 * The one place request bodies are read, strictly: the body is exactly one JSON object (no
 * {@code null}, no bare string or number, nothing after it), a value is never converted from another
 * JSON type ({@code 1.5} is not an int, {@code "1"} is not a number, {@code 1} is not a string), a
 * number or boolean field cannot be left out, and a key appears once. Unknown fields are ignored, so
 * newer clients keep working with this server. Every refusal names the field in words, never a Java type.
 */
final class StrictJson {
    private static final ObjectMapper MAPPER = strict(Json.mapper().copy());

    private StrictJson() {
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // Trailing data is checked after the object, to say so in words.
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                        DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (LogicalType type : LogicalType.values()) {
            for (CoercionInputShape shape : CoercionInputShape.values()) {
                mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
            }
        }
        mapper.coercionConfigDefaults().setAcceptBlankAsEmpty(false);
        return mapper;
    }

    static <T> T read(byte[] body, Class<T> type) {
        requireUtf8(body);
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInput("the body must be one JSON object ({...}), not " + describe(first) + "; see API.md");
            }
            T value = MAPPER.readValue(parser, type);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new InvalidInput("the body has more after its JSON object (" + describe(after) + " at "
                        + where(parser.currentTokenLocation()) + "); send exactly one JSON object");
            }
            return value;
        } catch (ValueInstantiationException e) {
            // The wire records check their fields in their constructors: their sentences are for people.
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw new InvalidInput(refused.getMessage());
            }
            throw new InvalidInput("the JSON object is not a valid " + noun(type) + " (a field holds null or a wrong value"
                    + " where one is needed); see API.md");
        } catch (InvalidFormatException e) {
            throw new InvalidInput(field(e) + " cannot be " + quote(e.getValue()) + ": it must be " + expected(e.getTargetType()));
        } catch (MismatchedInputException e) {
            JsonToken found = e.getCurrentToken();
            if (e.getPath().isEmpty()) {
                throw new InvalidInput("the body is not a valid " + noun(type) + "; see API.md");
            }
            if (found == null || found == JsonToken.END_OBJECT) {
                throw new InvalidInput(field(e) + " is required: give " + expected(e.getTargetType()));
            }
            throw new InvalidInput(field(e) + " must be " + expected(e.getTargetType()) + ", not " + describe(found));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException) {
                throw new InvalidInput(field(e) + " is a number out of range for this field");
            }
            throw new InvalidInput(field(e) + " is not valid here; see API.md");
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // Jackson's own sentence names its internals (StreamReadConstraints.getMaxNestingDepth()).
            throw new InvalidInput("the JSON is nested too deeply, or holds a number or string too long to read, at "
                    + where(e.getLocation()) + "; send one flat JSON object as API.md shows");
        } catch (JsonProcessingException e) {
            throw new InvalidInput("malformed JSON at " + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInput("the body could not be read as JSON; send one JSON object");
        }
    }

    /**
     * JSON travels as UTF-8 (RFC 8259). Jackson's decoder lets some wrong bytes through (the overlong
     * {@code C0 AF} reads as '/') and reports others from inside a field ("field 'name' is not valid
     * here"), so the body is checked whole by the JDK's strict decoder first, naming the first bad byte.
     */
    private static void requireUtf8(byte[] body) {
        if (ascii(body)) {
            // Nearly every body a worker or client sends: nothing to decode.
            return;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(Math.min(body.length, 8192) + 1);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
        } while (result.isOverflow());
        if (result.isError()) {
            int at = in.position();
            throw new InvalidInput(String.format("the body is not valid UTF-8 JSON: byte %d (0x%02X) begins no valid UTF-8 character;"
                    + " encode the JSON in UTF-8", at, body[at] & 0xFF));
        }
    }

    private static boolean ascii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "the body";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return "field '" + path + "'";
    }

    /** What a value of this Java type looks like in JSON, in words. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == byte[].class) {
            // Bytes travel as base64 text (a result's zip in a batch): "an array" sent the sender looking for a JSON array.
            return "base64 text (RFC 4648, A-Z a-z 0-9 + /, padded with =)";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.getName().startsWith("java.time.")) {
            return "an ISO-8601 time";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a value of another type";
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> "'" + token.asString() + "'";
        };
    }

    private static String where(JsonLocation location) {
        return location == null ? "an unknown place" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String quote(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }

    private static String noun(Class<?> type) {
        return type.getSimpleName();
    }
}
