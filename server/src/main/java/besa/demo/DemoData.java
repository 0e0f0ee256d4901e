package besa.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The word lists the scenario is made of; they live as data files under {@code demo/} on the class path. */
final class DemoData {
    final Weighted male = Weighted.load("names/given-male.txt");
    final Weighted female = Weighted.load("names/given-female.txt");
    final Weighted surnames = Weighted.load("names/surnames.txt");
    final List<String> nicknames = column("names/nicknames.txt", 0);
    final Weighted cities = Weighted.load("cities.txt");
    final List<String> streets = column("streets.txt", 0);
    final List<String[]> banks = rows("banks.txt");
    final Weighted ranks = Weighted.load("ranks.txt");
    final List<String> units = column("units.txt", 0);
    final Weighted vehicles = Weighted.load("vehicles.txt");
    final List<String> colours = column("colours.txt", 0);
    final List<String> handleWords = column("handles.txt", 0);
    final List<String[]> tacs = rows("tacs.txt");

    private static final DemoData INSTANCE = new DemoData();

    static DemoData get() {
        return INSTANCE;
    }

    /** Rows of a tab-separated data file, without comments and blank lines. */
    static List<String[]> rows(String name) {
        String path = "demo/" + name;
        InputStream in = DemoData.class.getClassLoader().getResourceAsStream(path);
        if (in == null) throw new IllegalStateException("demo data file " + path + " is missing from the class path");
        List<String[]> rows = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                rows.add(line.split("\t"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
        return List.copyOf(rows);
    }

    static List<String> column(String name, int col) {
        return rows(name).stream().map(r -> r[col]).toList();
    }

    static <T> T pick(SplittableRandom rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    /** Rows whose last column is a relative weight: common values come up often, rare ones seldom. */
    static final class Weighted {
        final List<String[]> rows;
        private final int[] cumulative;

        private Weighted(List<String[]> rows) {
            this.rows = rows;
            cumulative = new int[rows.size()];
            int sum = 0;
            for (int i = 0; i < rows.size(); i++) {
                String[] r = rows.get(i);
                sum += Integer.parseInt(r[r.length - 1].strip());
                cumulative[i] = sum;
            }
        }

        static Weighted load(String name) {
            return new Weighted(rows(name));
        }

        String[] pickRow(SplittableRandom rnd) {
            int x = rnd.nextInt(cumulative[cumulative.length - 1]);
            int lo = 0, hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > x) hi = mid;
                else lo = mid + 1;
            }
            return rows.get(lo);
        }

        String pick(SplittableRandom rnd) {
            return pickRow(rnd)[0];
        }
    }
}
