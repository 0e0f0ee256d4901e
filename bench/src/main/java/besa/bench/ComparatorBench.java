package besa.bench;

import besa.match.field.Field;
import besa.match.field.FieldType;
import besa.match.field.Strings;
import besa.match.field.Value;
import besa.match.normalize.Names;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Comparator throughput (pairs per second, one thread) on prepared values; and name-key preparation. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class ComparatorBench {
    Field surname, full, date, phone, imei;
    Value hoxha, hoxhaCyr, fullA, fullB, dateA, dateB, phoneA, phoneB, imeiA, imeiB, other;

    @Setup
    public void setup() {
        surname = FieldType.SURNAME.field();
        full = FieldType.FULL_NAME.field();
        date = FieldType.DATE.field();
        phone = FieldType.PHONE.field();
        imei = FieldType.IMEI.field();
        hoxha = surname.prepare("Hoxha");
        hoxhaCyr = surname.prepare("Хоџа");
        other = surname.prepare("Shehaj");
        fullA = full.prepare("Arben Ilir Hoxha");
        fullB = full.prepare("HOXHA Arbeni");
        dateA = date.prepare("1985-03-12");
        dateB = date.prepare("03.12.1985");
        phoneA = phone.prepare("+355 69 123 4567");
        phoneB = phone.prepare("069 123 4567");
        imeiA = imei.prepare("352099001761481");
        imeiB = imei.prepare("35-209900-176148-9");
    }

    @Benchmark
    public int surnameTransliteration() {
        return surname.compare(hoxha, hoxhaCyr);
    }

    @Benchmark
    public int surnameDifferent() {
        return surname.compare(hoxha, other);
    }

    @Benchmark
    public int fullNameReorderedPartial() {
        return full.compare(fullA, fullB);
    }

    @Benchmark
    public int dateSwapped() {
        return date.compare(dateA, dateB);
    }

    @Benchmark
    public int phoneE164() {
        return phone.compare(phoneA, phoneB);
    }

    @Benchmark
    public int imeiCore() {
        return imei.compare(imeiA, imeiB);
    }

    @Benchmark
    public double jaroWinkler() {
        return Strings.jaroWinkler("michaela", "micheala");
    }

    @Benchmark
    public Object nameKeys() {
        return Names.keys("Arben Ilir Хоџа");
    }
}
