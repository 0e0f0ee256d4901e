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

/** {@code besa link}: scored pairs between two CSV sources. */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = "Link two CSV sources: writes left_id,right_id,score for pairs at or above the threshold.")
public class LinkCommand extends MatchCommand {
    @Option(names = "--left", required = true, paramLabel = "A.csv", description = "Left CSV file (UTF-8, with a header).")
    Path left;
    @Option(names = "--right", required = true, paramLabel = "B.csv", description = "Right CSV file.")
    Path right;
    @Option(names = "--left-id", required = true, paramLabel = "COL", description = "Id column of the left file.")
    String leftId;
    @Option(names = "--right-id", required = true, paramLabel = "COL", description = "Id column of the right file.")
    String rightId;
    @Option(names = "--field", paramLabel = "COL=TYPE", converter = FieldSpecConverter.class, description = "A column present in both files, and its type.")
    List<FieldSpec> fields = new ArrayList<>();
    @Option(names = "--left-field", paramLabel = "COL=TYPE", converter = FieldSpecConverter.class, description = "A left column and its type.")
    List<FieldSpec> leftFields = new ArrayList<>();
    @Option(names = "--right-field", paramLabel = "COL=TYPE", converter = FieldSpecConverter.class, description = "A right column and its type.")
    List<FieldSpec> rightFields = new ArrayList<>();
    @Option(names = "--explain", description = "Add an explanation column: each field's comparison and evidence.")
    boolean explain;
    @Option(names = "--out", required = true, paramLabel = "pairs.csv", description = "Output CSV.")
    Path out;

    public LinkCommand() {}

    @Override
    Integer run() {
        long t0 = System.nanoTime();
        Cli.checkThreshold(threshold);
        PrintWriter err = spec.commandLine().getErr();
        var progress = Progress.to(err, quiet, t0);
        CsvTable l = Cli.read(left), r = Cli.read(right);
        Cli.require(l.header(), leftId, left.toString());
        Cli.require(r.header(), rightId, right.toString());
        Schema schema = Schema.link(l.header(), left.toString(), fields, leftFields, r.header(), right.toString(), rightFields,
                w -> err.println("besa link: warning: " + w));
        progress.accept(String.format("read %,d + %,d records", l.size(), r.size()));
        Records lr = Records.prepare(l, leftId, schema, true), rr = Records.prepare(r, rightId, schema, false);
        progress.accept("prepared");
        Linker.Options o = Linker.Options.defaults().withProgress(progress).withJudgements(Cli.judgements(judgements));
        if (threshold != null) o = o.withThreshold(threshold);
        Linker.LinkResult res = Linker.link(lr, rr, schema, o);
        PrintWriter w = Cli.writer(out);
        w.print(explain ? "left_id,right_id,score,explanation\n" : "left_id,right_id,score\n");
        for (Linker.Pair p : res.pairs()) {
            w.print(Cli.cell(lr.id(p.left())) + ',' + Cli.cell(rr.id(p.right())) + ',' + Cli.score(p.score()));
            if (explain) w.print(',' + Cli.cell(Scorer.explanation(res.scorer().explain(lr.values(p.left()), rr.values(p.right())))));
            w.print('\n');
        }
        Cli.close(w, out);
        var st = res.stats();
        progress.accept(String.format(Locale.ROOT, "%,d pairs written; %,d candidate pairs compared of %.3g (reduction ratio %.6f)",
                res.pairs().size(), st.candidates(), st.allPairs(), st.reductionRatio()));
        return Cli.OK;
    }
}
