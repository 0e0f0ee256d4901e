package besa.vetting.screening;

import java.util.Set;
import java.util.function.Consumer;

/**
 * One way an officer can appear in intelligence. Implementations are Spring beans; the screening runs
 * every one of them.
 */
public interface Detector {
    FactorKind kind();

    /** Every officer in {@code ctx} against all intelligence in scope. */
    void screen(ScreeningContext ctx, Consumer<Finding> out);

    /**
     * Every officer in {@code ctx} (all active ones) against only the intelligence entities that changed
     * (added or altered; relations included). Must find what {@link #screen} would find that involves
     * one of these entities.
     */
    void screenChanged(ScreeningContext ctx, Set<String> entityIds, Consumer<Finding> out);
}
