package besa.access;

/** Whether a user holds a live break-glass grant: requested, justified, not expired and not ended. */
public interface BreakGlass {
    boolean active(String username);
}
