package besa.match.data;

import besa.match.field.Value;
import java.util.List;
import java.util.stream.IntStream;

/** One side's records, prepared: an id and one {@link Value} (or null) per comparison. */
public final class Records {
    private final String[] ids;
    private final Value[][] values;

    public Records(String[] ids, Value[][] values) {
        this.ids = ids;
        this.values = values;
    }

    public int size() {
        return ids.length;
    }

    public String id(int r) {
        return ids[r];
    }

    public Value[] values(int r) {
        return values[r];
    }

    /** Prepares the rows of a table in parallel. */
    public static Records prepare(CsvTable table, String idColumn, Schema schema, boolean left) {
        int idCol = table.column(idColumn);
        List<String[]> rows = table.rows();
        String[] ids = new String[rows.size()];
        Value[][] values = new Value[rows.size()][];
        IntStream.range(0, rows.size()).parallel().forEach(r -> {
            String[] row = rows.get(r);
            ids[r] = row[idCol];
            values[r] = prepareRow(row, schema, left);
        });
        return new Records(ids, values);
    }

    public static Value[] prepareRow(String[] row, Schema schema, boolean left) {
        Value[] v = new Value[schema.size()];
        for (int c = 0; c < v.length; c++) v[c] = schema.get(c).prepare(row, left);
        return v;
    }
}
