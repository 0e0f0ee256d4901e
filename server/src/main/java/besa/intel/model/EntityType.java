package besa.intel.model;

import static besa.intel.model.PropertyType.*;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema: entity types, their properties and each property's type. Relations are entity types
 * too (they carry time and provenance); their {@code subject} and {@code object} name the two ends.
 */
public enum EntityType {
    Person(false, List.of("name"), props(
            "name", NAME, "firstName", NAME, "fatherName", NAME, "lastName", NAME, "alias", NAME,
            "birthDate", DATE, "birthPlace", TEXT, "nationality", COUNTRY, "gender", TEXT,
            "idNumber", IDENTIFIER, "email", EMAIL, "position", TEXT)),
    Organization(false, List.of("name"), props(
            "name", NAME, "alias", NAME, "activity", TEXT, "country", COUNTRY)),
    Phone(false, List.of("number"), props("number", PHONE, "country", COUNTRY)),
    Device(false, List.of("imei"), props("imei", IMEI, "model", TEXT)),
    Account(false, List.of("handle"), props("handle", IDENTIFIER, "service", TEXT, "pin", IDENTIFIER, "email", EMAIL)),
    Vehicle(false, List.of("plate"), props("plate", IDENTIFIER, "vin", IDENTIFIER, "make", TEXT, "model", TEXT, "colour", TEXT)),
    BankAccount(false, List.of("iban"), props("iban", IBAN, "bank", TEXT, "country", COUNTRY)),
    Address(false, List.of("full"), props("full", ADDRESS, "city", TEXT, "postcode", TEXT, "country", COUNTRY)),
    Event(false, List.of("name"), props("name", TEXT, "date", DATE, "place", TEXT, "latitude", NUMBER, "longitude", NUMBER)),
    /** A cyber indicator (STIX 2.1 {@code indicator}): a detection pattern and when it holds. */
    Indicator(false, List.of("name", "pattern"), props("name", TEXT, "description", TEXT, "pattern", TEXT, "patternType", TEXT,
            "validFrom", DATETIME, "validUntil", DATETIME, "indicatorType", TEXT, "label", TEXT)),
    /**
     * A cyber observable (STIX 2.1 cyber-observable object): {@code kind} is the STIX type (ipv4-addr, ipv6-addr,
     * domain-name, url, email-addr, file); {@code value} its value; a file has a name and hashes instead.
     */
    Observable(false, List.of("value", "name", "sha256", "sha1", "md5"), props("kind", TEXT, "value", TEXT, "name", TEXT,
            "md5", IDENTIFIER, "sha1", IDENTIFIER, "sha256", IDENTIFIER)),

    Membership(true, List.of(), relation("role", TEXT)),
    Association(true, List.of(), relation("role", TEXT)),
    Family(true, List.of(), relation("relationship", TEXT)),
    Ownership(true, List.of(), relation("share", NUMBER)),
    Uses(true, List.of(), relation("role", TEXT)),
    Communication(true, List.of(), relation("count", NUMBER, "channel", TEXT)),
    LocatedAt(true, List.of(), relation("date", DATE, "time", DATETIME, "latitude", NUMBER, "longitude", NUMBER)),
    Payment(true, List.of(), relation("amount", NUMBER, "currency", TEXT, "date", DATE));

    public static final String SUBJECT = "subject";
    public static final String OBJECT = "object";

    private final boolean relation;
    private final List<String> captionProps;
    private final Map<String, PropertyType> properties;

    EntityType(boolean relation, List<String> captionProps, Map<String, PropertyType> properties) {
        this.relation = relation;
        this.captionProps = captionProps;
        this.properties = properties;
    }

    public boolean isRelation() {
        return relation;
    }

    /** Properties in display order, each with its type; every type also has "notes". */
    public Map<String, PropertyType> properties() {
        return properties;
    }

    public Optional<PropertyType> propertyType(String prop) {
        return Optional.ofNullable(properties.get(prop));
    }

    /** Properties whose values name the entity in lists and charts. */
    public List<String> captionProps() {
        return captionProps;
    }

    public static EntityType parse(String name) {
        for (EntityType t : values()) {
            if (t.name().equalsIgnoreCase(name == null ? "" : name.strip())) return t;
        }
        throw new InvalidValueException("unknown entity type '" + name + "'; known: " + Arrays.toString(values()));
    }

    private static Map<String, PropertyType> props(Object... pairs) {
        Map<String, PropertyType> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], (PropertyType) pairs[i + 1]);
        m.put("notes", TEXT);
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, PropertyType> relation(Object... pairs) {
        Object[] all = new Object[pairs.length + 8];
        all[0] = SUBJECT;
        all[1] = ENTITY;
        all[2] = OBJECT;
        all[3] = ENTITY;
        all[4] = "startDate";
        all[5] = DATE;
        all[6] = "endDate";
        all[7] = DATE;
        System.arraycopy(pairs, 0, all, 8, pairs.length);
        return props(all);
    }
}
