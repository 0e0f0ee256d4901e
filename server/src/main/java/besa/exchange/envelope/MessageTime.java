package besa.exchange.envelope;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * A message's timestamps written with exactly three fraction digits ({@code 2026-12-06T14:00:00.000Z}).
 * {@code Instant} alone prints 0, 3, 6 or 9 digits, so two sealed messages of the same content would
 * differ in length by chance; with fixed-width times a hit, a no-hit and a refused answer are
 * byte-for-byte the same length. Reading accepts any ISO-8601 instant (messages sealed before).
 */
public final class MessageTime extends StdSerializer<Instant> {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public MessageTime() {
        super(Instant.class);
    }

    /** What the message keeps: milliseconds, as the wire form. */
    static Instant truncate(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

    static String format(Instant t) {
        return FORMAT.format(t);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeString(format(value));
    }
}
