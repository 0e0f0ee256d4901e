package besa.vetting.personnel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Which column of an HR file holds which field, and the separator of multi-valued cells (phones,
 * IMEIs, plates, addresses). Written in YAML, simpler than the intelligence mappings
 * ({@code besa.intel.ingest.Mapping}) because the target is fixed:
 *
 * <pre>
 * separator: ";"            # optional, default ;
 * columns:                  # field: column; fields left out are read from their default column
 *   officerId: NR_PERSONELI
 *   givenName: EMRI
 * </pre>
 *
 * A field whose column is named explicitly must be in the file's header; a required field must be in
 * it either way; an optional field whose default column is missing is simply not read.
 */
public record PersonnelMapping(PersonnelFileKind kind, String separator, Map<String, String> columns, Map<String, Boolean> explicit) {

    public PersonnelMapping {
        columns = Map.copyOf(columns);
        explicit = Map.copyOf(explicit);
    }

    /** Every field read from its default column. */
    public static PersonnelMapping defaults(PersonnelFileKind kind) {
        return load(kind, null);
    }

    /** Reads a YAML mapping (null or blank: the defaults), reporting every problem at once. */
    public static PersonnelMapping load(PersonnelFileKind kind, String yaml) {
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, Boolean> explicit = new LinkedHashMap<>();
        for (String f : kind.fieldNames()) {
            columns.put(f, PersonnelFileKind.defaultColumn(f));
            explicit.put(f, false);
        }
        if (yaml == null || yaml.isBlank()) return new PersonnelMapping(kind, ";", columns, explicit);
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options, new TextResolver())
                    .load(yaml);
        } catch (YAMLException e) {
            throw new MappingProblems(List.of("not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
        if (!(root instanceof Map<?, ?> m)) throw new MappingProblems(List.of("the mapping must be a YAML map with 'columns' (and optionally 'separator')"));
        List<String> problems = new ArrayList<>();
        for (Object key : m.keySet()) {
            if (!"columns".equals(key) && !"separator".equals(key)) problems.add("unknown key '" + key + "': expected columns or separator");
        }
        String separator = m.get("separator") == null ? ";" : String.valueOf(m.get("separator"));
        if (separator.isEmpty()) problems.add("separator: must not be empty");
        Object c = m.get("columns");
        if (c != null && !(c instanceof Map)) problems.add("columns: must be a map of field: column");
        if (c instanceof Map<?, ?> cm) {
            for (Map.Entry<?, ?> e : cm.entrySet()) {
                String field = String.valueOf(e.getKey());
                if (!kind.fieldNames().contains(field)) {
                    problems.add("columns." + field + ": no such field in a " + kind.id() + " file; fields are " + kind.fieldNames());
                } else if (!(e.getValue() instanceof String s) || s.isBlank()) {
                    problems.add("columns." + field + ": name the column (text)");
                } else {
                    columns.put(field, s.strip());
                    explicit.put(field, true);
                }
            }
        }
        if (!problems.isEmpty()) throw new MappingProblems(problems);
        return new PersonnelMapping(kind, separator, columns, explicit);
    }

    /** Problems with a file whose header is {@code header}: required and explicitly mapped columns must be there. */
    public List<String> checkHeader(List<String> header) {
        List<String> problems = new ArrayList<>();
        for (String f : kind.fieldNames()) {
            String col = columns.get(f);
            if ((kind.required(f) || explicit.get(f)) && !header.contains(col)) {
                problems.add("column '" + col + "' (" + f + ") is not in the file's header " + header);
            }
        }
        return problems;
    }

    /** Only null and true/false are implicit: column names like NO or 2024 stay text. */
    private static final class TextResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|false)$"), "tf");
        }
    }
}
