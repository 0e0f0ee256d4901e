package besa.match.data;

import besa.match.field.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The list of comparisons between two sides (or one side and itself), built from column mappings. */
public record Schema(List<Comparison> comparisons) {
    private static final List<FieldType> NAME_PARTS = List.of(FieldType.GIVEN_NAME, FieldType.FATHER_NAME, FieldType.SURNAME);

    public int size() {
        return comparisons.size();
    }

    public Comparison get(int i) {
        return comparisons.get(i);
    }

    /** Deduplication: each mapped column compared with itself. */
    public static Schema same(List<String> header, List<FieldSpec> specs, String source) {
        List<Comparison> out = new ArrayList<>();
        for (FieldSpec s : specs) {
            int c = index(header, s.column(), source);
            out.add(new Comparison(s.column(), s.type().field(), new int[] {c}, ";", new int[] {c}, ";"));
        }
        if (out.isEmpty()) throw new InputException("no fields to compare: give at least one --field COLUMN=TYPE");
        return new Schema(out);
    }

    /**
     * Linkage: columns mapped on both sides (shared) are compared column to column; per-side
     * mappings are compared type to type. A side without a full-name meets the other side's full
     * name with its given, father's and surname columns joined. Types on one side only are reported
     * to {@code warn} and left out.
     */
    public static Schema link(List<String> leftHeader, String leftName, List<FieldSpec> shared, List<FieldSpec> leftOnly,
                              List<String> rightHeader, String rightName, List<FieldSpec> rightOnly, Consumer<String> warn) {
        List<Comparison> out = new ArrayList<>();
        for (FieldSpec s : shared) {
            out.add(new Comparison(s.column(), s.type().field(), new int[] {index(leftHeader, s.column(), leftName)}, ";",
                    new int[] {index(rightHeader, s.column(), rightName)}, ";"));
        }
        Map<FieldType, List<Integer>> l = byType(leftHeader, leftName, leftOnly), r = byType(rightHeader, rightName, rightOnly);
        if (l.containsKey(FieldType.FULL_NAME) != r.containsKey(FieldType.FULL_NAME)) {
            Map<FieldType, List<Integer>> parts = l.containsKey(FieldType.FULL_NAME) ? r : l;
            List<Integer> cols = new ArrayList<>();
            for (FieldType t : NAME_PARTS) {
                List<Integer> c = parts.remove(t);
                if (c != null) cols.addAll(c);
            }
            if (!cols.isEmpty()) parts.put(FieldType.FULL_NAME, cols);
            Map<FieldType, List<Integer>> full = parts == l ? r : l;
            NAME_PARTS.forEach(full::remove); // the full side's name parts are covered by its full name
        }
        for (var e : l.entrySet()) {
            FieldType t = e.getKey();
            List<Integer> rc = r.get(t);
            if (rc == null) {
                warn.accept("field type " + t.cliName() + " is mapped on the left only; not compared");
                continue;
            }
            String lj = joiner(t, e.getValue(), true), rj = joiner(t, rc, false);
            out.add(new Comparison(t.cliName(), t.field(), ints(e.getValue()), lj, ints(rc), rj));
        }
        for (FieldType t : r.keySet()) {
            if (!l.containsKey(t)) warn.accept("field type " + t.cliName() + " is mapped on the right only; not compared");
        }
        if (out.isEmpty()) throw new InputException("no fields to compare: map columns with --field, or --left-field and --right-field");
        return new Schema(out);
    }

    /** Name parts joined into a full name use a space; other same-type columns become a multi-valued cell. */
    private static String joiner(FieldType t, List<Integer> cols, boolean left) {
        return t == FieldType.FULL_NAME && cols.size() > 1 ? " " : ";";
    }

    private static Map<FieldType, List<Integer>> byType(List<String> header, String source, List<FieldSpec> specs) {
        Map<FieldType, List<Integer>> m = new LinkedHashMap<>();
        for (FieldSpec s : specs) m.computeIfAbsent(s.type(), k -> new ArrayList<>()).add(index(header, s.column(), source));
        return m;
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    static int index(List<String> header, String col, String source) {
        int i = header.indexOf(col);
        if (i < 0) throw new InputException("column '" + col + "' not found in " + source + "; its columns are: " + String.join(", ", header));
        return i;
    }
}
