package besa.vetting.personnel;

import java.util.List;

/** A mapping or a file header that cannot be used: every problem, each saying where and why. */
public class MappingProblems extends RuntimeException {
    private final List<String> problems;

    public MappingProblems(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
