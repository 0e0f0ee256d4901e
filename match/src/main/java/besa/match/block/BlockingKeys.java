package besa.match.block;

import besa.match.data.Schema;
import besa.match.field.Field;
import besa.match.field.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocking keys of a record, as 64-bit hashes. An identifier (phone, IMEI, e-mail, id) is a key by
 * itself; weaker atoms (name sound keys, dates, years, postcodes, cities) form keys in pairs from
 * different fields or different name tokens, e.g. surname key + year of birth. The keys are a union:
 * two records are compared when they share any key.
 */
public final class BlockingKeys {
    private BlockingKeys() {}

    public static long[] of(Value[] rec, Schema schema) {
        List<String> ids = new ArrayList<>(4);
        List<String> weak = new ArrayList<>(16);
        List<Integer> weakField = new ArrayList<>(16);
        for (int c = 0; c < rec.length; c++) {
            Field f = schema.get(c).field();
            final int fc = c;
            if (f.identifier()) {
                f.blockingAtoms(rec[c], a -> ids.add(fc + "#" + a));
            } else {
                f.blockingAtoms(rec[c], a -> {
                    if (a == null || a.isEmpty() || weak.size() >= 24) return;
                    weak.add(fc + ":" + a);
                    weakField.add(fc);
                });
            }
        }
        List<Long> keys = new ArrayList<>(ids.size() + weak.size() * weak.size() / 2);
        for (String id : ids) keys.add(hash(id));
        for (int i = 0; i < weak.size(); i++) {
            for (int j = i + 1; j < weak.size(); j++) {
                int fi = weakField.get(i), fj = weakField.get(j);
                boolean sameField = fi == fj;
                if (sameField && !schema.get(fi).field().type().isName()) continue;
                String a = weak.get(i), b = weak.get(j);
                if (a.equals(b)) continue;
                keys.add(a.compareTo(b) < 0 ? hash(a + "|" + b) : hash(b + "|" + a));
            }
        }
        return keys.stream().mapToLong(Long::longValue).distinct().toArray();
    }

    /** 64-bit FNV-1a with a final mix; collisions only add candidates, they never lose one. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
