package besa.vetting.personnel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The three files HR delivers, each with its fields. A field is read from the column of the same
 * name in snake case ({@code officerId} from {@code officer_id}) unless a mapping names another.
 */
public enum PersonnelFileKind {
    /** The register: who the officers are and the identifiers they hold. */
    REGISTER(fields("officerId", true, "givenName", true, "fatherName", false, "surname", true, "birthDate", false, "unit", false,
            "rank", false, "phones", false, "issuedImeis", false, "declaredImeis", false, "vehicles", false, "addresses", false)),
    /** Postings and duty rosters: where and when each officer was on duty. */
    DUTIES(fields("officerId", true, "startsAt", true, "endsAt", true, "unit", false, "place", true, "latitude", false, "longitude", false)),
    /** Self-declarations, including the answer to the cryptophone question. */
    DECLARATIONS(fields("officerId", true, "declaredOn", true, "question", true, "answer", true, "cryptophoneUse", false));

    private final Map<String, Boolean> fields;

    PersonnelFileKind(Map<String, Boolean> fields) {
        this.fields = fields;
    }

    /** The fields in file order; {@code true} for the required ones. */
    public Map<String, Boolean> fields() {
        return fields;
    }

    public boolean required(String field) {
        return fields.getOrDefault(field, false);
    }

    public Set<String> fieldNames() {
        return fields.keySet();
    }

    /** register, duties or declarations (any case); null for anything else. */
    public static PersonnelFileKind parse(String s) {
        if (s == null) return null;
        for (PersonnelFileKind k : values()) if (k.name().equalsIgnoreCase(s.strip())) return k;
        return null;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** officerId → officer_id: the default column of a field. */
    public static String defaultColumn(String field) {
        return field.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static Map<String, Boolean> fields(Object... pairs) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], (Boolean) pairs[i + 1]);
        return m;
    }
}
