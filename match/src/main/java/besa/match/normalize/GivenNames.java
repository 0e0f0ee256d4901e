package besa.match.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The cross-language first-name table (given-names.txt), looked up by sound key. */
final class GivenNames {
    static final String RESOURCE = "given-names.txt";
    private static final GivenNames INSTANCE = load();

    private final Map<String, Integer> groupByKey = new HashMap<>();
    private final List<List<String>> groups = new ArrayList<>();
    private final List<String> canonicalKeys = new ArrayList<>();

    static GivenNames get() {
        return INSTANCE;
    }

    private static GivenNames load() {
        GivenNames t = new GivenNames();
        try (InputStream in = GivenNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource besa/match/normalize/" + RESOURCE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                t.add(line.split(","));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return t;
    }

    private void add(String[] names) {
        int g = groups.size();
        List<String> folded = new ArrayList<>();
        for (String name : names) {
            String f = Names.fold(name);
            if (f.isEmpty()) continue;
            folded.add(f);
            String k = SoundKey.key(String.join("", SoundKey.latinTokens(name)));
            groupByKey.putIfAbsent(k, g); // a key already taken stays with its first group
        }
        groups.add(List.copyOf(folded));
        canonicalKeys.add(SoundKey.key(String.join("", SoundKey.latinTokens(names[0]))));
    }

    /** Group number of a single-token name's sound key, or -1. */
    int group(String soundKey) {
        return groupByKey.getOrDefault(soundKey, -1);
    }

    List<String> members(int group) {
        return groups.get(group);
    }

    String canonicalKey(int group) {
        return canonicalKeys.get(group);
    }
}
