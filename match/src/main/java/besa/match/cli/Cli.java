package besa.match.cli;

import besa.match.data.CsvTable;
import besa.match.data.FieldSpec;
import besa.match.data.InputException;
import besa.match.field.FieldType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** What link and dedupe share: exit codes, type conversion, CSV output, progress lines. */
final class Cli {
    static final int OK = 0, USAGE = 2;

    private Cli() {}

    /** Usage and input problems exit with 2 and a one-line message naming the problem. */
    static CommandLine configure(CommandLine cl) {
        cl.registerConverter(FieldSpec.class, FieldSpec::parse);
        cl.registerConverter(FieldType.class, FieldType::parse);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("besa: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Run with --help for usage.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof InputException || ex instanceof IllegalArgumentException) {
                c.getErr().println("besa " + c.getCommandName() + ": " + ex.getMessage());
                return USAGE;
            }
            throw ex;
        });
        return cl;
    }

    static CsvTable read(Path p) {
        if (!Files.isReadable(p)) throw new InputException("cannot read " + p + ": " + (Files.exists(p) ? "permission denied" : "no such file"));
        return CsvTable.read(p);
    }

    static PrintWriter writer(Path out) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) throw new InputException("cannot write " + out + ": no such directory " + parent);
            return new PrintWriter(new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 16));
        } catch (IOException e) {
            throw new InputException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** A CSV cell, quoted when it must be. */
    static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static String score(double p) {
        return String.format(Locale.ROOT, "%.4f", p);
    }

    static void checkThreshold(Double t) {
        if (t != null && (t.isNaN() || t < 0 || t > 1)) throw new IllegalArgumentException("--threshold must be a probability between 0 and 1, not " + t);
    }

    static void require(List<String> header, String col, String file) {
        if (!header.contains(col)) throw new InputException("column '" + col + "' not found in " + file + "; its columns are: " + String.join(", ", header));
    }

    /** Judgements from a CSV with columns id_a, id_b, verdict (positive or negative). */
    static besa.match.cluster.Judgements judgements(Path file) {
        besa.match.cluster.Judgements j = new besa.match.cluster.Judgements();
        if (file == null) return j;
        CsvTable t = read(file);
        int a = t.column("id_a"), b = t.column("id_b"), v = t.column("verdict");
        for (int i = 0; i < t.size(); i++) {
            String[] r = t.rows().get(i);
            switch (r[v].toLowerCase(Locale.ROOT)) {
                case "positive" -> j.positive(r[a], r[b]);
                case "negative" -> j.negative(r[a], r[b]);
                default -> throw new InputException(file + " row " + (i + 1) + ": verdict must be positive or negative, not '" + r[v] + "'");
            }
        }
        return j;
    }

    static void close(PrintWriter w, Path out) {
        w.close();
        if (w.checkError()) throw new UncheckedIOException(new IOException("error writing " + out));
    }
}
