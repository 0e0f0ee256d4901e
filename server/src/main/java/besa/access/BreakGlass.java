package besa.access;

public interface BreakGlass {
    boolean active(String username);
}
