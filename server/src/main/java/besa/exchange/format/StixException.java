package besa.exchange.format;

import java.util.List;

/** A bundle that cannot be imported: every problem, each saying where (object index, id, field) and why. */
public class StixException extends RuntimeException {
    /** One problem; {@code index} is the object's position in {@code objects} (-1 for the bundle itself). */
    public record Problem(int index, String id, String field, String reason) {
        @Override
        public String toString() {
            String where = index < 0 ? "bundle" : "objects[" + index + "]" + (id == null || id.isBlank() ? "" : " (" + id + ")");
            return where + (field == null ? "" : " " + field) + ": " + reason;
        }
    }

    private final List<Problem> problems;

    public StixException(List<Problem> problems) {
        super("the STIX bundle cannot be imported: " + problems.size() + " problem(s); first: " + problems.getFirst());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
