package besa.match.cli;

import besa.match.Linker;
import besa.match.data.CsvTable;
import besa.match.data.FieldSpec;
import besa.match.data.Records;
import besa.match.data.Schema;
import besa.match.score.Scorer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code besa dedupe}: clusters of one CSV source. */
@Command(name = "dedupe", mixinStandardHelpOptions = true,
        description = "Deduplicate one CSV source: writes id,cluster_id for every row.")
public class DedupeCommand extends MatchCommand {
    @Option(names = "--input", required = true, paramLabel = "A.csv", description = "CSV file (UTF-8, with a header).")
    Path input;
    @Option(names = "--id", required = true, paramLabel = "COL", description = "Id column.")
    String id;
    @Option(names = "--field", paramLabel = "COL=TYPE", converter = FieldSpecConverter.class, description = "A column and its type.")
    List<FieldSpec> fields = new ArrayList<>();
    @Option(names = "--out", required = true, paramLabel = "clusters.csv", description = "Output CSV.")
    Path out;
    @Option(names = "--review-out", paramLabel = "review.csv", description = "Also write pairs in the review band (below the threshold) with explanations.")
    Path reviewOut;

    public DedupeCommand() {}

    @Override
    Integer run() {
        long t0 = System.nanoTime();
        Cli.checkThreshold(threshold);
        PrintWriter err = spec.commandLine().getErr();
        var progress = Progress.to(err, quiet, t0);
        CsvTable t = Cli.read(input);
        Cli.require(t.header(), id, input.toString());
        Schema schema = Schema.same(t.header(), fields, input.toString());
        Records recs = Records.prepare(t, id, schema, true);
        progress.accept(String.format("read and prepared %,d records", recs.size()));
        Linker.Options o = Linker.Options.defaults().withProgress(progress).withJudgements(Cli.judgements(judgements));
        if (threshold != null) o = o.withThreshold(threshold);
        Linker.DedupeResult res = Linker.dedupe(recs, schema, o);
        PrintWriter w = Cli.writer(out);
        w.print("id,cluster_id\n");
        int[] c = res.clusters();
        for (int i = 0; i < recs.size(); i++) w.print(Cli.cell(recs.id(i)) + ',' + Cli.cell(recs.id(c[i])) + '\n');
        Cli.close(w, out);
        if (reviewOut != null) {
            PrintWriter rw = Cli.writer(reviewOut);
            rw.print("id_a,id_b,score,explanation\n");
            for (Linker.Pair p : res.review()) {
                rw.print(Cli.cell(recs.id(p.right())) + ',' + Cli.cell(recs.id(p.left())) + ',' + Cli.score(p.score()) + ','
                        + Cli.cell(Scorer.explanation(res.scorer().explain(recs.values(p.right()), recs.values(p.left())))) + '\n');
            }
            Cli.close(rw, reviewOut);
        }
        long clusters = java.util.Arrays.stream(c).distinct().count();
        progress.accept(String.format(Locale.ROOT, "%,d records in %,d clusters; %,d links, %,d pairs in the review band; %,d candidate pairs compared (reduction ratio %.6f)",
                recs.size(), clusters, res.matches().size(), res.review().size(), res.stats().candidates(), res.stats().reductionRatio()));
        return Cli.OK;
    }
}
