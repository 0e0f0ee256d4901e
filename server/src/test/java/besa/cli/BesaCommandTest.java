package besa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The launcher hosts the matching engine's offline commands with their contract intact, without Spring. */
class BesaCommandTest {
    @TempDir Path dir;

    /** Two records a side are too few to train on, so the threshold is 0: the test is about hosting and blocking. */
    @Test
    void linkRunsUnderTheBesaLauncher() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "id,name,dob,phone\n1,Arben Hoxha,1980-05-12,069 123 4567\n2,Gjon Leka,1975-01-02,068 765 4321\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "ref,name,dob,phone\nx,Хоџа Арбен,12.05.1980,+355691234567\ny,Maria Rossi,1990-03-04,+390612345678\n");
        Path out = dir.resolve("pairs.csv");
        CommandLine cl = BesaCommand.commandLine();
        int code = cl.execute("link", "--left", a.toString(), "--right", b.toString(), "--left-id", "id", "--right-id", "ref",
                "--field", "name=full-name", "--field", "dob=date", "--field", "phone=phone", "--threshold", "0", "--quiet", "--out", out.toString());
        assertThat(code).isZero();
        assertThat(Files.readAllLines(out)).first().isEqualTo("left_id,right_id,score");
        assertThat(Files.readAllLines(out)).anyMatch(l -> l.startsWith("1,x,"));
        assertThat(Files.readAllLines(out)).noneMatch(l -> l.startsWith("2,"));
    }

    @Test
    void unknownFieldTypeExitsWithTwoAndNamesIt() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "id,name\n1,Arben Hoxha\n");
        StringWriter err = new StringWriter();
        CommandLine cl = BesaCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("dedupe", "--input", a.toString(), "--id", "id", "--field", "name=nonsense",
                "--out", dir.resolve("c.csv").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("nonsense");
    }
}
