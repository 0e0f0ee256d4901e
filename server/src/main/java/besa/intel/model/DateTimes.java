package besa.intel.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Parses the date-times {@link PropertyType#DATETIME} accepts. */
final class DateTimes {
    /** Local times without an offset are Albanian local time. */
    static final ZoneId TIRANA = ZoneId.of("Europe/Tirane");

    private static final DateTimeFormatter ISO_LOCAL_SPACE = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter();
    private static final DateTimeFormatter ISO_OFFSET_SPACE = new DateTimeFormatterBuilder().append(ISO_LOCAL_SPACE)
            .appendOffset("+HH:MM", "Z").toFormatter();
    private static final List<DateTimeFormatter> LOCAL = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME, ISO_LOCAL_SPACE,
            european('.'), european('/'));

    private DateTimes() {}

    static Instant toInstant(String v) {
        if (v.isEmpty()) throw new InvalidValueException("a date-time cannot be blank");
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, ISO_OFFSET_SPACE)) {
            try {
                return OffsetDateTime.parse(v, f).toInstant().truncatedTo(ChronoUnit.SECONDS);
            } catch (DateTimeParseException e) {
                // not this shape; try the next
            }
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                return LocalDateTime.parse(v, f).atZone(TIRANA).toInstant().truncatedTo(ChronoUnit.SECONDS);
            } catch (DateTimeParseException e) {
                // not this shape; try the next
            }
        }
        String why = v.matches("\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{4}") ? " (a day alone is not a moment: add the time, e.g. 14:30)" : "";
        throw new InvalidValueException("not a date-time" + why + ": expected ISO 8601 such as 2025-03-04T14:30:00+01:00 or 2025-03-04T13:30:00Z,"
                + " or a Tirana local time such as 2025-03-04 14:30 or 04.03.2025 14:30");
    }

    /** dd.MM.yyyy HH:mm[:ss] (or with slashes), as Albanian records write them. */
    private static DateTimeFormatter european(char sep) {
        return new DateTimeFormatterBuilder().appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
                .appendLiteral(sep).appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE).appendLiteral(sep)
                .appendValue(ChronoField.YEAR, 4).appendLiteral(' ').appendValue(ChronoField.HOUR_OF_DAY, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
                .appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
                .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
                .toFormatter().withResolverStyle(java.time.format.ResolverStyle.STRICT).withChronology(java.time.chrono.IsoChronology.INSTANCE);
    }
}
