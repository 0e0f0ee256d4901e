package besa.intel.ingest;

import java.util.List;

/** A mapping file that cannot be used; each problem says where and why. */
public class MappingException extends IllegalArgumentException {
    private final List<String> problems;

    public MappingException(List<String> problems) {
        super("the mapping cannot be used: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
