package besa.match.cli;

import static org.assertj.core.api.Assertions.assertThat;

import besa.match.Fixtures;
import besa.match.data.CsvTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI contract of issue 3, run in-process: outputs, headers, exit codes and error messages. */
class CliTest {
    @TempDir
    static Path dir;
    static Path a, b, all;

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void files() throws IOException {
        CsvTable[] t = Fixtures.people(1500, 500, 50, 21);
        a = write("a.csv", t[0].header(), t[0].rows());
        // the right side has one full-name column instead of given/father/surname
        List<String[]> rows = new ArrayList<>();
        for (String[] r : t[1].rows()) rows.add(new String[] {r[0], r[3] + " " + r[1] + " " + r[2], r[4], r[5], r[6], r[7]});
        b = write("b.csv", List.of("rid", "full_name", "dob", "phone", "city", "truth"), rows);
        List<String[]> both = new ArrayList<>(t[0].rows());
        both.addAll(t[1].rows());
        all = write("all.csv", t[0].header(), both);
    }

    static Path write(String name, List<String> header, List<String[]> rows) throws IOException {
        StringBuilder s = new StringBuilder(String.join(",", header)).append('\n');
        for (String[] r : rows) s.append(String.join(",", r)).append('\n');
        return Files.writeString(dir.resolve(name), s, StandardCharsets.UTF_8);
    }

    static Run run(String... args) {
        CommandLine cl = MatchCli.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void linkWritesPairsWithPerSideFieldsAndExplanations() throws IOException {
        Path out = dir.resolve("pairs.csv");
        Run r = run("link", "--left", a.toString(), "--right", b.toString(), "--left-id", "id", "--right-id", "rid",
                "--left-field", "given_name=given-name", "--left-field", "father_name=father-name", "--left-field", "surname=surname",
                "--right-field", "full_name=full-name", "--field", "dob=date", "--field", "phone=phone", "--field", "city=city",
                "--explain", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("left_id,right_id,score,explanation");
        int good = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 4);
            assertThat(Double.parseDouble(f[2])).isBetween(0.5, 1.0);
            assertThat(f[3]).contains("full-name:").contains("prior:");
            if (f[1].equals("b" + f[0].substring(1))) good++;
        }
        assertThat(good).as("true pairs found of 500").isGreaterThan(470);
        assertThat(lines.size() - 1 - good).as("false pairs").isLessThan(15);
        assertThat(r.err()).contains("candidate pairs compared").contains("reduction ratio");
    }

    @Test
    void thresholdFiltersAndWithoutExplainThereAreThreeColumns() throws IOException {
        Path out = dir.resolve("strict.csv");
        Run r = run("link", "--left", a.toString(), "--right", all.toString(), "--left-id", "id", "--right-id", "id",
                "--field", "given_name=given-name", "--field", "surname=surname", "--field", "dob=date", "--threshold", "0.99", "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("left_id,right_id,score");
        assertThat(lines).hasSizeGreaterThan(1000);
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(Double.parseDouble(l.split(",")[2])).isGreaterThanOrEqualTo(0.99));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void dedupeWritesEveryRowOnceWithItsCluster() throws IOException {
        Path out = dir.resolve("clusters.csv"), review = dir.resolve("review.csv");
        Run r = run("dedupe", "--input", all.toString(), "--id", "id", "--field", "given_name=given-name", "--field", "father_name=father-name",
                "--field", "surname=surname", "--field", "dob=date", "--field", "phone=phone", "--out", out.toString(), "--review-out", review.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("id,cluster_id");
        assertThat(lines).hasSize(1 + 1500 + 550);
        Set<String> ids = new HashSet<>();
        java.util.Map<String, String> cluster = new java.util.HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            assertThat(ids.add(f[0])).isTrue();
            cluster.put(f[0], f[1]);
        }
        int together = 0;
        for (int i = 0; i < 500; i++) if (cluster.get("a" + i).equals(cluster.get("b" + i))) together++;
        assertThat(together).isGreaterThan(470);
        assertThat(Files.readAllLines(review).get(0)).isEqualTo("id_a,id_b,score,explanation");
    }

    @Test
    void judgementsAreConstraints() throws IOException {
        Path j = Files.writeString(dir.resolve("judgements.csv"), "id_a,id_b,verdict\na0,b0,negative\na1,a2,positive\n");
        Path out = dir.resolve("judged.csv");
        Run r = run("dedupe", "--input", all.toString(), "--id", "id", "--field", "given_name=given-name", "--field", "surname=surname",
                "--field", "dob=date", "--field", "phone=phone", "--judgements", j.toString(), "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        java.util.Map<String, String> cluster = new java.util.HashMap<>();
        for (String l : Files.readAllLines(out).subList(1, 2051)) cluster.put(l.split(",")[0], l.split(",")[1]);
        assertThat(cluster.get("a0")).isNotEqualTo(cluster.get("b0"));
        assertThat(cluster.get("a1")).isEqualTo(cluster.get("a2"));

        Path bad = Files.writeString(dir.resolve("bad-judgements.csv"), "id_a,id_b,verdict\na0,b0,maybe\n");
        Run b = run("dedupe", "--input", all.toString(), "--id", "id", "--field", "surname=surname", "--judgements", bad.toString(), "--out", out.toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).contains("verdict must be positive or negative, not 'maybe'");
    }

    @Test
    void unknownTypeMissingColumnAndUnreadableFileExitWith2AndSaySo() {
        Run unknown = run("dedupe", "--input", all.toString(), "--id", "id", "--field", "surname=shoe-size", "--out", dir.resolve("x.csv").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown field type 'shoe-size'");

        Run column = run("dedupe", "--input", all.toString(), "--id", "id", "--field", "nickname=given-name", "--out", dir.resolve("x.csv").toString());
        assertThat(column.code()).isEqualTo(2);
        assertThat(column.err()).contains("column 'nickname' not found in " + all);

        Run idColumn = run("link", "--left", a.toString(), "--right", b.toString(), "--left-id", "nope", "--right-id", "rid",
                "--field", "dob=date", "--out", dir.resolve("x.csv").toString());
        assertThat(idColumn.code()).isEqualTo(2);
        assertThat(idColumn.err()).contains("column 'nope' not found");

        Run missing = run("link", "--left", dir.resolve("absent.csv").toString(), "--right", b.toString(), "--left-id", "id", "--right-id", "rid",
                "--field", "dob=date", "--out", dir.resolve("x.csv").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read").contains("absent.csv");

        Run usage = run("link", "--left", a.toString());
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required option");
    }

    @CommandLine.Command(name = "besa")
    static class Host implements Runnable {
        @Override
        public void run() {}
    }

    @Test
    void commandsKeepTheContractWhenHostedByAnotherLauncher() {
        // the top-level besa launcher registers the commands itself, without MatchCli's handlers
        CommandLine host = new CommandLine(new Host()).addSubcommand(new LinkCommand());
        StringWriter err = new StringWriter();
        host.setErr(new PrintWriter(err));
        int unknownType = new CommandLine(new DedupeCommand()).setErr(new PrintWriter(err))
                .execute("--input", all.toString(), "--id", "id", "--field", "surname=shoe-size", "--out", dir.resolve("x.csv").toString());
        assertThat(unknownType).isEqualTo(2);
        int missing = host.execute("link", "--left", dir.resolve("absent.csv").toString(), "--right", b.toString(), "--left-id", "id",
                "--right-id", "rid", "--field", "dob=date", "--out", dir.resolve("x.csv").toString());
        assertThat(missing).isEqualTo(2);
        assertThat(err.toString()).contains("unknown field type 'shoe-size'").contains("besa link: cannot read");
    }

    @Test
    void malformedRowsAreReportedWithTheirLineNumber() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "id,name\n1,Arben\n2,Gjon,extra\n3,Ilir\n");
        Run r = run("dedupe", "--input", bad.toString(), "--id", "id", "--field", "name=full-name", "--out", dir.resolve("x.csv").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 3").contains("expected 2 fields");

        Path quote = Files.writeString(dir.resolve("quote.csv"), "id,name\n1,Arben\n2,\"Gjon\n");
        Run q = run("dedupe", "--input", quote.toString(), "--id", "id", "--field", "name=full-name", "--out", dir.resolve("x.csv").toString());
        assertThat(q.code()).isEqualTo(2);
        assertThat(q.err()).contains("line 3").contains("unterminated");
    }

    @Test
    void quotedCellsAndAFebrlStyleLeadingSpaceAreRead() throws IOException {
        Path f = Files.writeString(dir.resolve("q.csv"), "id, name, dob\n1, \"Hoxha, Arben\", 1985-03-12\n2, Arben Hoxha , 12.03.1985\n3, Gjon Marku, 1970\n");
        Path out = dir.resolve("qc.csv");
        Run r = run("dedupe", "--input", f.toString(), "--id", "id", "--field", "name=full-name", "--field", "dob=date", "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(4).first().isEqualTo("id,cluster_id");
    }
}
