package besa.intel.model;

import besa.match.normalize.Imeis;
import besa.match.normalize.Names;
import besa.match.normalize.PartialDate;
import besa.match.normalize.Phones;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The semantics of a kind of value: how raw text is cleaned and validated, and which index keys it
 * yields for search and matching. Search, ingestion and the graph never special-case "phone":
 * they ask the property's type.
 */
public enum PropertyType {
    NAME {
        @Override
        public String clean(String raw) {
            String v = collapse(raw);
            if (Names.fold(v).isEmpty()) throw new InvalidValueException("a name needs at least one letter");
            return v;
        }

        /**
         * Per token: its sound key ({@value #NAME_KEY}, shared by every script and spelling of the name)
         * and its folded spelling ({@value #NAME_FOLD}, for exact-spelling ranking and typo look-ups); per pair
         * of distinct sound keys, {@value #NAME_PAIR}.
         */
        @Override
        public List<SearchKey> searchKeys(String clean) {
            List<SearchKey> keys = new ArrayList<>();
            java.util.TreeSet<String> sounds = new java.util.TreeSet<>();
            for (String token : nameTokens(clean)) {
                String fold = Names.fold(token).replace(" ", "");
                if (!fold.isEmpty()) keys.add(new SearchKey(NAME_FOLD, fold));
                for (String k : Names.searchKeys(token)) {
                    keys.add(new SearchKey(NAME_KEY, k));
                    sounds.add(k);
                }
            }
            // Two tokens of one name together: a full-name query looks these up instead of every bearer of each token.
            List<String> distinct = List.copyOf(sounds);
            for (int i = 0; i < distinct.size(); i++) {
                for (int j = i + 1; j < distinct.size(); j++) keys.add(new SearchKey(NAME_PAIR, namePair(distinct.get(i), distinct.get(j))));
            }
            return keys;
        }
    },
    DATE {
        @Override
        public String clean(String raw) {
            return PartialDate.parse(raw).map(PartialDate::iso).orElseThrow(() -> new InvalidValueException(
                    "not a date: expected 1985-03-12, 12.03.1985, 12/03/1985, 1985-03 or 1985"));
        }
    },
    /**
     * A moment: ISO 8601 with an offset ({@code 2025-03-04T14:30:00+01:00}, {@code ...Z}) or a local time
     * ({@code 2025-03-04T14:30}, {@code 2025-03-04 14:30:00}, {@code 04.03.2025 14:30}) taken as Tirana
     * time, stored as the UTC instant to the second ({@code 2025-03-04T13:30:00Z}). A local time that a
     * clock change skips is moved forward by the gap; one that occurs twice takes the earlier (summer) offset.
     */
    DATETIME {
        @Override
        public String clean(String raw) {
            return DateTimes.toInstant(collapse(raw)).toString();
        }
    },
    PHONE {
        @Override
        public String clean(String raw) {
            return Phones.toE164(raw).orElseThrow(() -> new InvalidValueException(
                    "not a phone number: expected e.g. +355 69 123 4567 or 069 123 4567"));
        }

        @Override
        public List<SearchKey> searchKeys(String clean) {
            return List.of(new SearchKey("phone", clean));
        }
    },
    IMEI {
        @Override
        public String clean(String raw) {
            String core = Imeis.core(raw).orElseThrow(() -> new InvalidValueException(
                    "not an IMEI: expected 15 digits (or 14 without the check digit)"));
            return Imeis.withCheckDigit(core);
        }

        @Override
        public List<SearchKey> searchKeys(String clean) {
            return List.of(new SearchKey("imei", clean.substring(0, 14)));
        }
    },
    IBAN {
        private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}");

        @Override
        public String clean(String raw) {
            String v = compact(raw);
            if (!SHAPE.matcher(v).matches() || !ibanChecksumOk(v)) {
                throw new InvalidValueException("not an IBAN: country code, check digits and account, with a valid checksum");
            }
            return v;
        }

        @Override
        public List<SearchKey> searchKeys(String clean) {
            return List.of(new SearchKey("iban", clean));
        }
    },
    COUNTRY {
        private static final Set<String> ISO = Set.of(Locale.getISOCountries());

        @Override
        public String clean(String raw) {
            String v = raw.strip().toUpperCase(Locale.ROOT);
            if (v.equals("XK")) return v; // Kosovo: user-assigned code in common use
            if (!ISO.contains(v)) throw new InvalidValueException("not an ISO 3166 country code (e.g. AL, XK, IT, TR)");
            return v;
        }
    },
    ADDRESS {
        @Override
        public List<SearchKey> searchKeys(String clean) {
            return Names.tokens(clean).stream().filter(t -> t.length() > 2).map(t -> new SearchKey("address", t)).toList();
        }
    },
    IDENTIFIER {
        @Override
        public String clean(String raw) {
            String v = compact(raw);
            if (v.isEmpty()) throw new InvalidValueException("an identifier cannot be blank");
            return v;
        }

        @Override
        public List<SearchKey> searchKeys(String clean) {
            return List.of(new SearchKey("id", clean));
        }
    },
    EMAIL {
        @Override
        public String clean(String raw) {
            String v = raw.strip().toLowerCase(Locale.ROOT);
            if (!v.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) throw new InvalidValueException("not an e-mail address");
            return v;
        }

        @Override
        public List<SearchKey> searchKeys(String clean) {
            return List.of(new SearchKey("email", clean));
        }
    },
    NUMBER {
        @Override
        public String clean(String raw) {
            String v = raw.strip().replace(" ", "");
            try {
                return new java.math.BigDecimal(v).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                throw new InvalidValueException("not a number");
            }
        }
    },
    TEXT,
    /** A reference to another entity, by id. */
    ENTITY {
        @Override
        public String clean(String raw) {
            String v = raw.strip();
            if (v.isEmpty()) throw new InvalidValueException("an entity reference cannot be blank");
            return v;
        }
    };

    /** Search-key kinds of names: the script-independent sound key and the folded spelling of each token. */
    public static final String NAME_KEY = "name";
    public static final String NAME_FOLD = "name-fold";
    public static final String NAME_PAIR = "name-pair";

    /** The key of two sound keys of one name, in code-point order (as migration V22 derives it in SQL). */
    public static String namePair(String a, String b) {
        return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
    }

    private static final Pattern NAME_SPLIT = Pattern.compile("[^\\p{L}\\p{M}\\p{N}'\u2019]+");

    /** The tokens of a name as written (any script), split where the name engine splits them. */
    public static List<String> nameTokens(String raw) {
        if (raw == null) return List.of();
        return Arrays.stream(NAME_SPLIT.split(raw.strip())).filter(t -> !t.isEmpty()).toList();
    }

    /** Cleans and validates raw text; throws {@link InvalidValueException} saying why it is refused. */
    public String clean(String raw) {
        String v = collapse(raw);
        if (v.isEmpty()) throw new InvalidValueException("value is blank");
        return v;
    }

    /** Index keys of a clean value; most types have none beyond the statement itself. */
    public List<SearchKey> searchKeys(String clean) {
        return List.of();
    }

    /** Upper case without spaces, dashes, dots or slashes: plates, document numbers, IBANs, handles. */
    static String compact(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!Character.isWhitespace(c) && c != '-' && c != '.' && c != '/') b.append(Character.toUpperCase(c));
        }
        return b.toString();
    }

    static String collapse(String raw) {
        return raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
    }

    static boolean ibanChecksumOk(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int mod = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int d = Character.digit(rearranged.charAt(i), 36);
            mod = d > 9 ? (mod * 100 + d) % 97 : (mod * 10 + d) % 97;
        }
        return mod == 1;
    }
}
