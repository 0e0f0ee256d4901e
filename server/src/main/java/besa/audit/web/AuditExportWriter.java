package besa.audit.web;

import besa.audit.AuditEvent;
import besa.audit.FoundEntry;
import besa.platform.CsvCells;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Found audit entries as CSV or JSON lines, one row at a time (nothing is held in memory). Each row
 * carries the entry index and leaf hash, so it can be checked against the log
 * ({@code /api/audit/events/{index}/proof}, {@code besa audit proof --entry N}).
 */
final class AuditExportWriter implements AutoCloseable {
    static final String CSV_HEADER = "index,at,actor,action,target,justification,recipient,outcome,client_address,leaf_hash,intact\r\n";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Writer out;
    private final boolean csv;
    private long rows;

    AuditExportWriter(OutputStream out, boolean csv) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.csv = csv;
        if (csv) write(CSV_HEADER);
    }

    /** The entry as the API shows it (also one JSON line of the export). */
    static Map<String, Object> json(FoundEntry f) {
        AuditEvent e = f.entry().event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", f.index());
        m.put("at", f.entry().at().toString());
        m.put("actor", e.actor());
        m.put("action", e.action().name());
        m.put("target", e.target());
        m.put("justification", e.justification());
        m.put("recipient", e.recipient());
        m.put("outcome", e.outcome().name());
        m.put("clientAddress", e.clientAddress());
        m.put("leafHash", Base64.getEncoder().encodeToString(f.leafHash()));
        m.put("intact", f.intact());
        m.put("proof", "/api/audit/events/" + f.index() + "/proof");
        return m;
    }

    void accept(FoundEntry f) {
        rows++;
        if (!csv) {
            write(JSON.writeValueAsString(json(f)) + "\n");
            return;
        }
        AuditEvent e = f.entry().event();
        String[] cells = {Long.toString(f.index()), f.entry().at().toString(), e.actor(), e.action().name(), e.target(),
                e.justification(), e.recipient(), e.outcome().name(), e.clientAddress(),
                Base64.getEncoder().encodeToString(f.leafHash()), Boolean.toString(f.intact())};
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) line.append(',');
            line.append(cell(cells[i]));
        }
        write(line.append("\r\n").toString());
    }

    long rows() {
        return rows;
    }

    /** A cell neutralised against formulas and quoted as RFC 4180 wants ({@link CsvCells}). */
    static String cell(String s) {
        return CsvCells.cell(s);
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
