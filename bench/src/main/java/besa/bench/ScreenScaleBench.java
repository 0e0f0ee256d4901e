package besa.bench;

import besa.match.cli.MatchCli;
import besa.match.synth.SyntheticPeople;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Screening at scale: 13,500 officers (given, father's and surname columns) linked against 1,000,000
 * intelligence records (one full-name column, dates, phones, IMEIs, towns), generated deterministically.
 * 2,000 officers are planted in the intelligence data as other agencies would write them, and 1,000
 * of their siblings as hard negatives. Runs the {@code link} command in-process and reports wall time,
 * pairs compared, peak heap, and precision/recall against the planted truth.
 *
 * <p>Usage: ScreenScaleBench [officers] [intel records] [seed]
 */
public final class ScreenScaleBench {
    public static void main(String[] args) throws IOException {
        int officers = args.length > 0 ? Integer.parseInt(args[0]) : 13_500;
        int intel = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 2026;
        Path dir = Path.of("target", "synth");
        Files.createDirectories(dir);
        Path off = dir.resolve("officers-" + officers + "-" + seed + ".csv"), rec = dir.resolve("intel-" + intel + "-" + seed + ".csv");
        if (!Files.exists(off) || !Files.exists(rec)) {
            long g0 = System.nanoTime();
            generate(officers, intel, seed, off, rec);
            System.err.printf(Locale.ROOT, "generated %s and %s in %.1f s%n", off, rec, (System.nanoTime() - g0) / 1e9);
        }
        Path out = dir.resolve("screen-pairs.csv");
        System.gc();
        double cpu0 = BenchData.cpuSeconds();
        long t0 = System.nanoTime();
        int code = MatchCli.commandLine().execute("link", "--left", off.toString(), "--right", rec.toString(),
                "--left-id", "officer_id", "--right-id", "record_id",
                "--left-field", "given_name=given-name", "--left-field", "father_name=father-name", "--left-field", "surname=surname",
                "--right-field", "full_name=full-name", "--field", "dob=date", "--field", "phone=phone",
                "--threshold", "0.05", "--out", out.toString());
        double secs = (System.nanoTime() - t0) / 1e9, cpu = BenchData.cpuSeconds() - cpu0;
        if (code != 0) System.exit(code);
        // precision and recall against the planted truth (record ids carry it: p-<officer>-k, s-<officer>-k),
        // at the engine's default threshold and below it (pairs were written from 0.05 up)
        List<String> lines = Files.readAllLines(out);
        long planted = Files.lines(rec).filter(l -> l.startsWith("p-")).count();
        System.out.printf(Locale.ROOT, "screen %,d officers x %,d records: %.1f s wall, %.1f s CPU (link command, including reading CSV and writing pairs); peak heap %,d MiB; %s%n",
                officers, intel, secs, cpu, BenchData.peakHeapMiB(), BenchData.machine());
        for (double t : new double[] {0.5, 0.2, 0.05}) {
            long tp = 0, fp = 0, sib = 0;
            for (String l : lines.subList(1, lines.size())) {
                String[] f = l.split(",");
                if (Double.parseDouble(f[2]) < t) continue;
                String[] rid = f[1].split("-");
                if (rid[0].equals("p") && rid[1].equals(f[0].substring(1))) tp++;
                else {
                    fp++;
                    if (rid[0].equals("s")) sib++;
                }
            }
            System.out.printf(Locale.ROOT, "  threshold %.2f%s: pairs %,d, true %,d of %,d planted (recall %.4f), false %,d (precision %.4f), of which siblings %,d%n",
                    t, t == 0.5 ? " (default)" : "", tp + fp, tp, planted, tp / (double) planted, fp, tp / (double) Math.max(1, tp + fp), sib);
        }
    }

    static void generate(int nOfficers, int nIntel, long seed, Path off, Path rec) {
        SyntheticPeople gen = new SyntheticPeople(seed);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        List<SyntheticPeople.Person> officers = new ArrayList<>(nOfficers);
        try (BufferedWriter w = Files.newBufferedWriter(off, StandardCharsets.UTF_8)) {
            w.write("officer_id,given_name,father_name,surname,dob,phone\n");
            for (int i = 0; i < nOfficers; i++) {
                SyntheticPeople.Person p = gen.person(null);
                officers.add(p);
                w.write("o" + i + "," + p.given() + "," + p.father() + "," + p.surname() + "," + p.dob() + "," + p.phone() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int planted = Math.min(2000, nOfficers), siblings = Math.min(1000, nOfficers);
        try (BufferedWriter w = Files.newBufferedWriter(rec, StandardCharsets.UTF_8)) {
            w.write("record_id,full_name,dob,phone,imei,city\n");
            for (int i = 0; i < nIntel; i++) {
                String id;
                SyntheticPeople.Person p;
                if (i < planted) {
                    int o = (int) ((long) i * nOfficers / planted);
                    p = gen.variant(officers.get(o));
                    id = "p-" + o + "-" + i;
                } else if (i < planted + siblings) {
                    int o = (int) ((long) (i - planted) * nOfficers / siblings) + 1;
                    p = gen.variant(gen.person(officers.get(Math.min(o, nOfficers - 1))));
                    id = "s-" + Math.min(o, nOfficers - 1) + "-" + i;
                } else {
                    p = gen.variant(gen.person(null));
                    id = "r-" + i;
                }
                w.write(id + "," + fullName(p, rnd) + "," + dob(p, rnd) + "," + p.phone() + "," + p.imei() + "," + p.city() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fullName(SyntheticPeople.Person p, SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> p.given() + " " + p.father() + " " + p.surname();
            case 1 -> p.surname() + " " + p.given();
            case 2 -> p.given() + " " + p.surname();
            default -> p.surname().toUpperCase(Locale.ROOT) + " " + p.given() + " " + p.father();
        };
    }

    static String dob(SyntheticPeople.Person p, SplittableRandom rnd) {
        if (p.year() == 0) return "";
        return rnd.nextBoolean() ? p.dob() : String.format(Locale.ROOT, "%02d.%02d.%04d", p.day(), p.month(), p.year());
    }
}
