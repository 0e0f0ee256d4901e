package besa.match.data;

import besa.match.field.Field;
import besa.match.field.Value;

/**
 * One compared field: its label in explanations, its typed comparator and, per side, the columns
 * whose text forms the cell (several columns of one type are joined as a multi-valued cell;
 * given name, father's name and surname are joined into a full name to meet a full-name column).
 */
public record Comparison(String label, Field field, int[] leftColumns, String leftJoin, int[] rightColumns, String rightJoin) {
    Value prepare(String[] row, boolean left) {
        int[] cols = left ? leftColumns : rightColumns;
        if (cols.length == 1) return field.prepare(row[cols[0]]);
        StringBuilder b = new StringBuilder();
        for (int c : cols) {
            if (row[c].isEmpty()) continue;
            if (!b.isEmpty()) b.append(left ? leftJoin : rightJoin);
            b.append(row[c]);
        }
        return field.prepare(b.toString());
    }
}
