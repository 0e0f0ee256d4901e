package besa.match.block;

import besa.match.data.Schema;
import besa.match.field.Field;
import besa.match.field.FieldType;
import besa.match.field.Value;

/**
 * Blocking keys of a record, as 64-bit hashes. An identifier (phone, IMEI, e-mail, id) is a key by
 * itself; weaker atoms (name sound keys, dates, years, postcodes, cities) form keys in pairs from
 * different fields or different name tokens, e.g. surname key + year of birth; in a record without
 * a name a full date pairs with its own year, so it is a key by itself. The keys are a union:
 * two records are compared when they share any key.
 */
public final class BlockingKeys {
    private BlockingKeys() {}

    public static long[] of(Value[] rec, Schema schema) {
        long[] ids = new long[8];
        long[] weak = new long[24];
        int[] weakField = new int[24];
        int[] n = new int[2];
        for (int c = 0; c < rec.length; c++) {
            Field f = schema.get(c).field();
            final int fc = c;
            if (f.identifier()) {
                f.blockingAtoms(rec[c], a -> {
                    if (n[0] < ids.length) ids[n[0]++] = mix(hash(a), 0x9E3779B97F4A7C15L * (fc + 1));
                });
            } else {
                // given, father's and surname atoms share one family, so swapped columns still meet
                long family = f.type().isName() && f.type() != FieldType.FULL_NAME ? 0 : fc + 1;
                f.blockingAtoms(rec[c], a -> {
                    if (a == null || a.isEmpty() || n[1] >= weak.length) return;
                    weak[n[1]] = mix(hash(a), 0xC2B2AE3D27D4EB4FL * (family + 1));
                    weakField[n[1]++] = fc;
                });
            }
        }
        int nw = n[1];
        boolean named = false;
        for (int i = 0; i < nw; i++) named |= schema.get(weakField[i]).field().type().isName();
        long[] keys = new long[n[0] + nw * (nw - 1) / 2];
        int k = 0;
        for (int i = 0; i < n[0]; i++) keys[k++] = ids[i];
        for (int i = 0; i < nw; i++) {
            for (int j = i + 1; j < nw; j++) {
                if (weak[i] == weak[j]) continue;
                // two atoms of one field pair up for names (given + surname inside a full name) and,
                // in a record without a name, for dates (full date + year: the date alone is a key;
                // with names it would flood EM with same-birthday strangers)
                FieldType t = schema.get(weakField[i]).field().type();
                if (weakField[i] == weakField[j] && !t.isName() && !(t == FieldType.DATE && !named)) continue;
                long lo = Math.min(weak[i], weak[j]), hi = Math.max(weak[i], weak[j]);
                keys[k++] = mix(lo * 31 + hi, hi);
            }
        }
        long[] out = java.util.Arrays.copyOf(keys, k);
        java.util.Arrays.sort(out);
        int w = 0;
        for (int i = 0; i < out.length; i++) if (w == 0 || out[w - 1] != out[i]) out[w++] = out[i];
        return java.util.Arrays.copyOf(out, w);
    }

    private static long mix(long a, long b) {
        long h = a ^ Long.rotateLeft(b, 29);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
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
