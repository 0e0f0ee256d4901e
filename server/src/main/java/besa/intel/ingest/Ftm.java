package besa.intel.ingest;

import besa.intel.model.EntityType;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The FollowTheMoney (FtM) names of Besa's types and properties. Types FtM has are written as its
 * schemata; Phone and Device, which FtM lacks, as {@code besa:Phone} and {@code besa:Device} (FtM
 * tools refuse them openly rather than misread them); Uses, Communication and LocatedAt as FtM
 * {@code UnknownLink} with a role. The exact Besa type always travels in the {@code besa} field, so
 * Besa → FtM → Besa loses nothing. Properties FtM lacks travel only in that field.
 */
final class Ftm {
    record Schema(String name, Map<String, String> props, String role) {}

    private static final Map<EntityType, Schema> OUT = new EnumMap<>(EntityType.class);
    private static final Map<String, EntityType> IN = new HashMap<>();

    static {
        schema(EntityType.Person, "Person", null, "name", "name", "firstName", "firstName", "fatherName", "fatherName",
                "lastName", "lastName", "alias", "alias", "birthDate", "birthDate", "birthPlace", "birthPlace",
                "nationality", "nationality", "gender", "gender", "idNumber", "idNumber", "email", "email",
                "position", "position");
        schema(EntityType.Organization, "Organization", null, "name", "name", "alias", "alias", "activity", "sector", "country", "country");
        schema(EntityType.Vehicle, "Vehicle", null, "plate", "registrationNumber", "model", "model");
        schema(EntityType.BankAccount, "BankAccount", null, "iban", "iban", "bank", "bankName", "country", "country");
        schema(EntityType.Address, "Address", null, "full", "full", "city", "city", "postcode", "postalCode", "country", "country");
        schema(EntityType.Event, "Event", null, "name", "name", "date", "date", "place", "location");
        schema(EntityType.Account, "UserAccount", null, "handle", "username", "service", "service", "email", "email");
        schema(EntityType.Phone, "besa:Phone", null, "number", "number", "country", "country");
        schema(EntityType.Device, "besa:Device", null, "imei", "imei", "model", "model");
        // Cyber types (FtM has none): same property names; STIX 2.1 is their exchange format (besa.exchange.format).
        schema(EntityType.Indicator, "besa:Indicator", null, "name", "name", "description", "description", "pattern", "pattern",
                "patternType", "patternType", "validFrom", "validFrom", "validUntil", "validUntil", "indicatorType", "indicatorType",
                "label", "label");
        schema(EntityType.Observable, "besa:Observable", null, "kind", "kind", "value", "value", "name", "name", "md5", "md5",
                "sha1", "sha1", "sha256", "sha256");
        schema(EntityType.Membership, "Membership", null, "subject", "member", "object", "organization", "role", "role",
                "startDate", "startDate", "endDate", "endDate");
        schema(EntityType.Association, "Associate", null, "subject", "person", "object", "associate", "role", "relationship",
                "startDate", "startDate", "endDate", "endDate");
        schema(EntityType.Family, "Family", null, "subject", "person", "object", "relative", "relationship", "relationship",
                "startDate", "startDate", "endDate", "endDate");
        schema(EntityType.Ownership, "Ownership", null, "subject", "owner", "object", "asset", "share", "percentage",
                "startDate", "startDate", "endDate", "endDate");
        schema(EntityType.Payment, "Payment", null, "subject", "payer", "object", "beneficiary", "amount", "amount",
                "currency", "currency", "date", "date", "startDate", "startDate", "endDate", "endDate");
        for (var t : new EntityType[] {EntityType.Uses, EntityType.Communication, EntityType.LocatedAt}) {
            String role = switch (t) {
                case Uses -> "uses";
                case Communication -> "communicates with";
                default -> "located at";
            };
            schema(t, "UnknownLink", role, "subject", "subject", "object", "object", "startDate", "startDate", "endDate", "endDate");
        }
        for (var t : EntityType.values()) {
            if (t.propertyType("notes").isPresent()) OUT.get(t).props().put("notes", "notes");
        }
        // Reading plain FtM: the schema decides the Besa type; UnknownLink without a Besa type is an association.
        OUT.forEach((t, s) -> IN.putIfAbsent(s.name(), t));
        IN.put("UnknownLink", EntityType.Association);
        IN.put("Company", EntityType.Organization);
        IN.put("LegalEntity", EntityType.Organization);
        IN.put("PublicBody", EntityType.Organization);
    }

    private static void schema(EntityType t, String name, String role, String... pairs) {
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) props.put(pairs[i], pairs[i + 1]);
        OUT.put(t, new Schema(name, props, role));
    }

    static Schema schema(EntityType t) {
        return OUT.get(t);
    }

    /** The Besa type of a FtM schema name, or null if Besa has none. */
    static EntityType type(String schema) {
        return IN.get(schema);
    }

    /** The Besa property for a FtM property of this type, or null. */
    static String besaProp(EntityType t, String ftmProp) {
        for (var e : OUT.get(t).props().entrySet()) {
            if (e.getValue().equals(ftmProp)) return e.getKey();
        }
        return null;
    }
}
