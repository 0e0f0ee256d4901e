package besa.cli;

import besa.intel.ingest.ImportOptions;
import besa.intel.ingest.ImportResult;
import besa.intel.ingest.Ingestion;
import besa.intel.ingest.MappingLoader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code besa bench ingest}: generates a deterministic CSV of people with phones and group
 * memberships, imports it through the real CSV path into the configured database, and prints rows/s.
 */
@Command(name = "ingest", description = "Generate N CSV rows (seeded) and import them with a mapping; print rows/s.")
public class IngestBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows to generate (default 1,000,000).")
    int rows;

    @Option(names = "--source", description = "Source id (default bench-<rows>-<time>, so each run stores new data).")
    String source;

    @Option(names = "--data-dir", description = "Folder of the embedded database (default ./data).")
    String dataDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        String busy = Offline.busyMessage(dataDir);
        if (busy != null) {
            err.println("besa bench: " + busy.replaceAll(", or import through it.*", "."));
            return 3;
        }
        String id = source != null ? source : "bench-" + rows + "-" + System.currentTimeMillis() / 1000;
        Path csv = Files.createTempFile("besa-bench", ".csv");
        try {
            long t0 = System.nanoTime();
            generate(csv, rows);
            out.printf("generated %,d rows (%,d MB) in %.1f s%n", rows, Files.size(csv) >> 20, (System.nanoTime() - t0) / 1e9);
            try (var ctx = Offline.start(dataDir)) {
                var mapping = MappingLoader.load(mapping(id));
                ImportResult r = ctx.getBean(Ingestion.class).importCsv(csv, "bench.csv", mapping,
                        new ImportOptions(false, null, p -> err.println("  " + p.line())));
                long dbRows = r.entitiesAdded() + r.statementsAdded();
                out.printf("ingest: %,d CSV rows in %.2f s = %,.0f rows/s; %,d entities + %,d statements = %,.0f entity+statement rows/s; source %s%n",
                        r.rows(), r.seconds(), r.rowsPerSecond(), r.entitiesAdded(), r.statementsAdded(), dbRows / r.seconds(), id);
                return r.status() == ImportResult.Status.COMPLETED ? 0 : 1;
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    static String mapping(String sourceId) {
        return """
                source: {id: %s, title: Ingestion benchmark, originator: BESA-BENCH, legalBasis: test data, evaluation: C3, handling: H0}
                recordId: id
                entities:
                  - {name: person, type: Person, properties: {firstName: first, lastName: last, name: name, birthDate: born}}
                  - {name: phone, type: Phone, properties: {number: phone}}
                  - {name: group, type: Organization, key: group, properties: {name: group}}
                relations:
                  - {type: Uses, subject: person, object: phone}
                  - {type: Membership, subject: person, object: group}
                """.formatted(sourceId);
    }

    private static final String[] FIRST = {"Arben", "Besnik", "Dritan", "Erion", "Fatmir", "Gjergj", "Ilir", "Klodian", "Lulzim",
            "Mirela", "Nertila", "Olsi", "Përparim", "Qemal", "Rezarta", "Shpëtim", "Teuta", "Valbona", "Xhevahir", "Zamira",
            "Ermal", "Elira", "Gëzim", "Jonida", "Kujtim", "Ledia", "Mërgim", "Blerina", "Çlirim", "Donika"};
    private static final String[] LAST = {"Hoxha", "Krasniqi", "Gashi", "Berisha", "Shehu", "Leka", "Dervishi", "Çela", "Kola",
            "Marku", "Doçi", "Hysa", "Bajrami", "Kelmendi", "Muça", "Prenga", "Tafa", "Zeneli", "Rama", "Basha", "Gjoka",
            "Lika", "Ndreu", "Pepa", "Sula", "Toska", "Vata", "Xhafa", "Hasani", "Ymeri"};
    private static final String[] GROUPS = {"Grupi i Durrësit", "Banda e Lushnjës", "Klani Vlora", "Grupi i Kavajës",
            "Rrjeti i Shkodrës", "Banda e Elbasanit", "Grupi i Fierit", "Klani i Tiranës"};

    /** Deterministic: the same N gives the same file. */
    static void generate(Path csv, int rows) throws IOException {
        SplittableRandom rnd = new SplittableRandom(20_240_611L);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("id,first,last,name,born,phone,group\n");
            StringBuilder b = new StringBuilder(128);
            for (int i = 0; i < rows; i++) {
                String f = FIRST[rnd.nextInt(FIRST.length)], l = LAST[rnd.nextInt(LAST.length)];
                b.setLength(0);
                b.append("r").append(i).append(',').append(f).append(',').append(l).append(',').append(f).append(' ').append(l).append(',');
                b.append(1950 + rnd.nextInt(55)).append('-').append(two(1 + rnd.nextInt(12))).append('-').append(two(1 + rnd.nextInt(28))).append(',');
                long local = (i * 7_919L + 1_234_567L) % 10_000_000L; // distinct for up to 10M rows
                b.append("06").append(7 + rnd.nextInt(3)).append(' ').append(String.format("%07d", local)).append(',');
                if (rnd.nextInt(4) == 0) b.append(GROUPS[rnd.nextInt(GROUPS.length)]);
                b.append('\n');
                w.write(b.toString());
            }
        }
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
