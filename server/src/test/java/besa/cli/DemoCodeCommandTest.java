package besa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.Base32;
import besa.access.Totp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `./besa demo code <user>`: the current TOTP code from the demo accounts file, without Spring. */
class DemoCodeCommandTest {
    @TempDir Path dir;

    @Test
    void printsTheCurrentCodeOfTheAccount() throws Exception {
        byte[] key = Totp.newSecret();
        Files.writeString(dir.resolve("demo-accounts.txt"), "# comment\nanalyst\tpw-pw-pw\tANALYST\t" + Base32.encode(key)
                + "\t" + Totp.otpauthUri("Besa", "analyst", key) + "\n");
        StringWriter out = new StringWriter();
        CommandLine cl = BesaCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        long before = Totp.step(Instant.now());
        int exit = cl.execute("demo", "code", "analyst", "--data-dir", dir.toString());
        long after = Totp.step(Instant.now());
        assertThat(exit).isZero();
        assertThat(out.toString().strip()).isIn(Totp.code(key, before), Totp.code(key, after));
    }

    @Test
    void anUnknownAccountOrMissingFileIsAClearError() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cl = BesaCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("demo", "code", "analyst", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("demo-accounts.txt is missing");
        Files.writeString(dir.resolve("demo-accounts.txt"), "admin\tpw\tADMINISTRATOR\tMZXW6YTBOI\n");
        assertThat(cl.execute("demo", "code", "nobody", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'nobody' is not a demo account");
    }
}
