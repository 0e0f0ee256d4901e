package besa.vetting.personnel;

import java.util.Locale;

/**
 * Officer ids as the self checks compare them: case and surrounding spaces ignored, so an account
 * whose officer id is written {@code p-42 } is still officer {@code P-42} (as {@code besa_not_self}, V105).
 */
public final class OfficerIds {
    private OfficerIds() {}

    /** The id as compared; empty for none. */
    public static String key(String id) {
        return id == null ? "" : id.strip().toUpperCase(Locale.ROOT);
    }

    /** Whether both name the same officer; never for a missing id. */
    public static boolean same(String a, String b) {
        String k = key(a);
        return !k.isEmpty() && k.equals(key(b));
    }
}
